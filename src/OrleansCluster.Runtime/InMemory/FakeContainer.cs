namespace OrleansCluster.Runtime.InMemory;

/// <summary>One fake container or sandbox; every field is guarded by the engine's lock.</summary>
internal sealed class FakeContainer(string id, string name, string type, string image, Dictionary<string, string> labels, DateTimeOffset createdAt)
{
    public const int SigKillExitCode = 137;

    public string Id { get; } = id;
    public string Name { get; } = name;
    public string Type { get; } = type;
    public string Image { get; } = image;
    public Dictionary<string, string> Labels { get; } = labels;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public SimulatedProcess Process { get; set; } = SimulatedProcess.Server;
    public string? IpAddress { get; set; }
    public ContainerState State { get; private set; } = ContainerState.Created;
    public int? ExitCode { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public List<LogEntry> Logs { get; } = [];
    public bool Removed { get; set; }

    private TaskCompletionSource changed = NewSignal();
    private TaskCompletionSource exited = NewSignal();
    private ITimer? timer;

    /// <summary>Completes at the next log line, exit or removal.</summary>
    public Task Changed => changed.Task;
    public Task Exited => exited.Task;

    public void Start(DateTimeOffset now)
    {
        State = ContainerState.Running;
        StartedAt = now;
        FinishedAt = null;
        ExitCode = null;
        exited = NewSignal();
        foreach (var (stream, line) in Process.Output) Logs.Add(new LogEntry(stream, line, now));
        Signal();
    }

    public void Append(OutputStream stream, string line, DateTimeOffset now)
    {
        Logs.Add(new LogEntry(stream, line, now));
        Signal();
    }

    public void Schedule(ITimer? next)
    {
        timer?.Dispose();
        timer = next;
    }

    public void Exit(int code, DateTimeOffset now)
    {
        if (State != ContainerState.Running) return;
        Schedule(null);
        State = ContainerState.Exited;
        ExitCode = code;
        FinishedAt = now;
        exited.TrySetResult();
        Signal();
    }

    public void Remove()
    {
        Schedule(null);
        Removed = true;
        exited.TrySetResult();
        Signal();
    }

    private void Signal()
    {
        var previous = changed;
        changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
