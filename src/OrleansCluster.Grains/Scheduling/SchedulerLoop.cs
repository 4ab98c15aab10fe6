using System.Threading.Channels;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Api;
using OrleansCluster.Api.Events;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Scheduling;
using OrleansCluster.ControllerRuntime.Informers;

namespace OrleansCluster.Grains.Scheduling;

/// <summary>
/// kube-scheduler inside a silo. The silo's shared node and pod informers keep a <see cref="ClusterSnapshot"/> up to
/// date incrementally; one loop applies their events in order and schedules the queued pods one by one with the pure
/// <see cref="Scheduler"/>, assuming each pod onto its node at once so the next pod sees it, while the binds (the
/// pods' grains writing <c>spec.nodeName</c>) run concurrently, at most <see cref="SchedulerOptions.MaxBindsInFlight"/>
/// at a time. A failed bind forgets the assumption and retries after a back-off. The loop is the only thread that
/// touches the snapshot and the queue, so neither needs a lock.
/// </summary>
internal sealed partial class SchedulerLoop : IAsyncDisposable
{
    public const string SchedulerName = "default-scheduler";

    /// <summary>Events are applied at least this often while a long queue is scheduled, so the cache stays fresh.</summary>
    private const int PodsBetweenEventDrains = 128;

    private readonly Channel<SchedulerEvent> events = Channel.CreateUnbounded<SchedulerEvent>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly ClusterSnapshot snapshot = new();
    private readonly SchedulingQueue queue = new();
    private readonly Dictionary<string, PodInfo> pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> binding = new(StringComparer.Ordinal);

    /// <summary>Pods bound to a node the snapshot does not have yet (a kubelet registering late): counted once it comes.</summary>
    private readonly Dictionary<string, PodInfo> onUnknownNodes = new(StringComparer.Ordinal);
    private readonly IGrainFactory grains;
    private readonly TimeProvider time;
    private readonly SchedulerOptions options;
    private readonly SemaphoreSlim slots;
    private readonly EventQueue eventQueue;
    private readonly ILogger logger;
    private readonly SharedInformers informers;
    private readonly List<IDisposable> subscriptions = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Random tieBreak;
    private readonly SchedulerStats stats;
    private Task running = Task.CompletedTask;

    public SchedulerLoop(
        IGrainFactory grains, IClusterClient client, SharedInformers informers, TimeProvider time,
        SchedulerOptions options, ILogger logger)
    {
        this.grains = grains;
        this.time = time;
        this.options = options;
        this.logger = logger;
        tieBreak = new Random(options.Seed ?? Random.Shared.Next());
        stats = new SchedulerStats(logger);
        slots = new SemaphoreSlim(options.MaxBindsInFlight);
        eventQueue = new EventQueue(new EventRecorder(new OrleansClusterClient(client), SchedulerName, time: time), logger, workers: 4);
        this.informers = informers;
    }

    /// <summary>Whether the loop stopped on its own (a bug): the grain then starts another.</summary>
    public bool Faulted => running.IsCompleted && !stopping.IsCancellationRequested;

    public void Start()
    {
        var ct = stopping.Token;
        running = Task.WhenAll(
            Task.Run(() => SubscribeAsync(ct), CancellationToken.None),
            Task.Run(() => eventQueue.RunAsync(ct), CancellationToken.None),
            Task.Run(() => TickAsync(ct), CancellationToken.None),
            Task.Run(() => RunAsync(ct), CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // The loop had failed (logged when it did); the grain starts another.
        }

        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }

        stopping.Dispose();
    }

    /// <summary>Once both caches are in, hears of every node, then every pod (so pods find their nodes known), then each change.</summary>
    private async Task SubscribeAsync(CancellationToken ct)
    {
        var nodes = informers.For<V1Node>(ResourceTypes.Node);
        var pods = informers.For<V1Pod>(ResourceTypes.Pod);
        await Task.WhenAll(nodes.Synced, pods.Synced).WaitAsync(ct);
        lock (subscriptions)
        {
            ct.ThrowIfCancellationRequested();
            subscriptions.Add(nodes.Subscribe(e => events.Writer.TryWrite(new NodeChanged(e.Type, e.Object))));
            subscriptions.Add(pods.Subscribe(e => events.Writer.TryWrite(new PodChanged(e.Type, PodInfo.Create(e.Object)))));
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (await events.Reader.WaitToReadAsync(ct))
            {
                DrainEvents();
                await ScheduleQueuedAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            LogLoopFailed(logger, e);
            throw;
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                events.Writer.TryWrite(Tick.Instance);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void DrainEvents()
    {
        while (events.Reader.TryRead(out var e))
        {
            Apply(e);
        }
    }

    private async Task ScheduleQueuedAsync(CancellationToken ct)
    {
        var sinceDrain = 0;
        while (queue.TryPop(out var key))
        {
            if (pending.TryGetValue(key, out var pod))
            {
                await ScheduleOneAsync(pod, ct);
            }

            if (++sinceDrain == PodsBetweenEventDrains)
            {
                DrainEvents();
                sinceDrain = 0;
            }
        }
    }

    private async Task ScheduleOneAsync(PodInfo pod, CancellationToken ct)
    {
        switch (Scheduler.Schedule(pod, snapshot, tieBreak, SchedulerProfile.Default))
        {
            case Scheduled scheduled:
                stats.Scheduled();
                snapshot.Assume(pod, scheduled.NodeName);
                binding.Add(pod.Key);
                await slots.WaitAsync(ct);
                _ = BindAsync(pod, scheduled.NodeName);
                break;
            case Unschedulable unschedulable:
                queue.Park(pod.Key, time.GetUtcNow().UtcDateTime);
                eventQueue.Post(pod.Pod, EventRecorder.Warning, "FailedScheduling", unschedulable.Message);
                if (NeedsUnschedulableCondition(pod.Pod, unschedulable.Message))
                {
                    await slots.WaitAsync(ct);
                    _ = MarkUnschedulableAsync(pod.Pod, unschedulable.Message);
                }

                break;
        }
    }

    private async Task BindAsync(PodInfo pod, string node)
    {
        Exception? error = null;
        try
        {
            var target = new V1Binding
            {
                Metadata = new V1ObjectMeta { Name = pod.Name, NamespaceProperty = pod.Namespace, Uid = pod.Pod.Metadata?.Uid },
                Target = new V1ObjectReference { Kind = "Node", Name = node },
            };
            await grains.GetGrain<IObjectGrain>(ResourceTypes.Pod.ObjectKey(pod.Namespace, pod.Name)).Bind(ModelCodec.Write(target));
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            slots.Release();
        }

        events.Writer.TryWrite(new BindFinished(pod, node, error));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduler: the scheduling loop failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
