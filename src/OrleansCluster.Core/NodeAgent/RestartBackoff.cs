using k8s.Models;

namespace OrleansCluster.Core.NodeAgent;

/// <summary>
/// Kubernetes' crash-loop back-off: no wait before the first start, then 10 s doubling up to 5 min; a container that
/// ran 10 min before it exited starts the sequence again. A pod may set other bounds through annotations (a
/// long-standing Kubernetes request): <see cref="InitialAnnotation"/> and <see cref="MaxAnnotation"/>, in seconds.
/// </summary>
public sealed record RestartBackoff(TimeSpan Initial, TimeSpan Max)
{
    public const string InitialAnnotation = "orleanscluster.io/restart-backoff-initial-seconds";
    public const string MaxAnnotation = "orleanscluster.io/restart-backoff-max-seconds";

    public static readonly RestartBackoff Kubernetes = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>A run at least this long resets the back-off.</summary>
    public static readonly TimeSpan ResetAfter = TimeSpan.FromMinutes(10);

    /// <summary>The pod's back-off: Kubernetes' unless its annotations (positive whole seconds) say otherwise.</summary>
    public static RestartBackoff For(V1Pod pod)
    {
        var annotations = pod.Metadata?.Annotations;
        var initial = Seconds(annotations, InitialAnnotation) ?? Kubernetes.Initial;
        var max = Seconds(annotations, MaxAnnotation) ?? Kubernetes.Max;
        return new RestartBackoff(initial, max < initial ? initial : max);
    }

    /// <summary>The wait before a start at back-off step <paramref name="step"/> (0: none).</summary>
    public TimeSpan Delay(int step)
    {
        if (step <= 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = Initial.TotalSeconds * Math.Pow(2, Math.Min(step - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, Max.TotalSeconds));
    }

    /// <summary>The step of the next start after <paramref name="exited"/>: back to 1 after a long run, else one more.</summary>
    public static int NextStep(ObservedContainer exited) =>
        exited.StartedAt is { } started && exited.FinishedAt is { } finished && finished - started >= ResetAfter
            ? 1
            : exited.BackoffStep + 1;

    private static TimeSpan? Seconds(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var text)
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : null;
}
