using System.Globalization;
using global::Docker.DotNet.Models;

namespace OrleansCluster.Runtime.Docker;

/// <summary>Our specs to Docker's create parameters and Docker's answers to our status records.</summary>
internal static class DockerMapping
{
    // A pause-like process: keeps the namespace alive and exits at once on SIGTERM (busybox sh ignores it as PID 1).
    private static readonly string[] SandboxCommand = ["/bin/sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"];
    private const long CpuPeriod = 100_000;

    public static CreateContainerParameters Sandbox(string node, string image, SandboxSpec spec)
    {
        var labels = RuntimeLabels.For(node, spec.Pod, spec.Labels);
        labels[RuntimeLabels.Type] = RuntimeLabels.TypeSandbox;
        labels[RuntimeLabels.Attempt] = spec.Attempt.ToString(CultureInfo.InvariantCulture);
        var parameters = new CreateContainerParameters
        {
            Name = RuntimeLabels.SandboxName(spec.Pod, spec.Attempt),
            Image = image,
            Entrypoint = SandboxCommand,
            Cmd = [],
            Hostname = spec.Network == SandboxNetwork.Host ? null : spec.Hostname ?? spec.Pod.Name,
            Labels = labels,
            HostConfig = new HostConfig
            {
                NetworkMode = spec.Network switch { SandboxNetwork.None => "none", SandboxNetwork.Host => "host", _ => "bridge" },
                IpcMode = "shareable",
                DNS = spec.Dns?.Nameservers.ToList(),
                DNSSearch = spec.Dns?.Searches.ToList(),
                DNSOptions = spec.Dns?.Options.ToList(),
            },
        };
        if (spec.Ports.Count > 0 && spec.Network == SandboxNetwork.Bridge)
        {
            parameters.ExposedPorts = new Dictionary<string, EmptyStruct>();
            parameters.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>>();
            foreach (var port in spec.Ports)
            {
                var key = $"{port.ContainerPort}/{port.Protocol.ToLowerInvariant()}";
                parameters.ExposedPorts[key] = default;
                if (!parameters.HostConfig.PortBindings.TryGetValue(key, out var bindings))
                    parameters.HostConfig.PortBindings[key] = bindings = [];
                bindings.Add(new PortBinding { HostIP = port.HostIp ?? "", HostPort = port.HostPort.ToString(CultureInfo.InvariantCulture) });
            }
        }
        return parameters;
    }

    public static CreateContainerParameters Container(string node, PodSandbox sandbox, ContainerSpec spec)
    {
        var labels = RuntimeLabels.For(node, sandbox.Pod, spec.Labels);
        labels[RuntimeLabels.Type] = RuntimeLabels.TypeContainer;
        labels[RuntimeLabels.ContainerName] = spec.Name;
        labels[RuntimeLabels.SandboxId] = sandbox.Id;
        labels[RuntimeLabels.Attempt] = spec.Attempt.ToString(CultureInfo.InvariantCulture);
        var resources = spec.Resources;
        return new CreateContainerParameters
        {
            Name = RuntimeLabels.ContainerNameFor(sandbox.Pod, spec.Name, spec.Attempt),
            Image = spec.Image,
            Entrypoint = spec.Command.Count > 0 ? spec.Command.ToList() : null,
            Cmd = spec.Args.Count > 0 || spec.Command.Count > 0 ? spec.Args.ToList() : null,
            Env = spec.Env.Select(e => $"{e.Name}={e.Value}").ToList(),
            WorkingDir = spec.WorkingDir,
            Labels = labels,
            OpenStdin = spec.Stdin,
            StdinOnce = false,
            Tty = spec.Tty,
            HostConfig = new HostConfig
            {
                NetworkMode = $"container:{sandbox.Id}",
                IpcMode = $"container:{sandbox.Id}",
                Memory = resources.MemoryBytes ?? 0,
                MemorySwap = resources.MemoryBytes ?? 0,
                CPUPeriod = resources.CpuLimitMillis is null ? 0 : CpuPeriod,
                CPUQuota = resources.CpuLimitMillis is { } limit ? Math.Max(1000, limit * CpuPeriod / 1000) : 0,
                CPUShares = resources.CpuRequestMillis is { } request ? Math.Max(2, request * 1024 / 1000) : 0,
            },
        };
    }

    public static PodSandbox Sandbox(ContainerInspectResponse c) => new(
        c.ID, RuntimeLabels.Pod(c.Config.Labels), c.State.Running ? SandboxState.Ready : SandboxState.NotReady,
        NonEmpty(c.NetworkSettings?.IPAddress), new DateTimeOffset(c.Created.ToUniversalTime()), Labels(c.Config.Labels));

    public static PodSandbox Sandbox(ContainerListResponse c) => new(
        c.ID, RuntimeLabels.Pod(c.Labels), c.State == "running" ? SandboxState.Ready : SandboxState.NotReady,
        NonEmpty(c.NetworkSettings?.Networks?.Values.Select(n => n.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip))),
        new DateTimeOffset(c.Created.ToUniversalTime()), Labels(c.Labels));

    public static ContainerStatus Status(ContainerInspectResponse c)
    {
        var labels = c.Config.Labels;
        var state = State(c.State.Status);
        return new ContainerStatus(
            c.ID, Label(labels, RuntimeLabels.SandboxId), Label(labels, RuntimeLabels.ContainerName), RuntimeLabels.Pod(labels),
            RuntimeLabels.AttemptOf(labels), state, c.Config.Image, c.Image, new DateTimeOffset(c.Created.ToUniversalTime()), Labels(labels))
        {
            ExitCode = state == ContainerState.Exited ? (int)c.State.ExitCode : null,
            StartedAt = Time(c.State.StartedAt),
            FinishedAt = state == ContainerState.Exited ? Time(c.State.FinishedAt) : null,
            OomKilled = c.State.OOMKilled,
            Error = NonEmpty(c.State.Error),
        };
    }

    public static ContainerSummary Summary(ContainerListResponse c) => new(
        c.ID, Label(c.Labels, RuntimeLabels.SandboxId), Label(c.Labels, RuntimeLabels.ContainerName), RuntimeLabels.Pod(c.Labels),
        RuntimeLabels.AttemptOf(c.Labels), State(c.State), c.Image, c.ImageID, new DateTimeOffset(c.Created.ToUniversalTime()),
        Labels(c.Labels));

    public static ContainerState State(string? status) => status switch
    {
        "created" => ContainerState.Created,
        "running" or "paused" or "restarting" => ContainerState.Running,
        "exited" or "dead" or "removing" => ContainerState.Exited,
        _ => ContainerState.Unknown,
    };

    /// <summary>Docker's "0001-01-01T00:00:00Z" means never.</summary>
    public static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.Year > 1
            ? time.ToUniversalTime()
            : null;

    private static string Label(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : "";

    private static IReadOnlyDictionary<string, string> Labels(IDictionary<string, string>? labels) =>
        labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(labels);

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
