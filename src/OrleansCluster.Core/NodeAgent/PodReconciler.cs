using k8s.Models;

namespace OrleansCluster.Core.NodeAgent;

/// <summary>What the agent does for one pod in one pass, and the status it then reports.</summary>
/// <param name="Actions">Runtime steps, in order.</param>
/// <param name="Containers">Per container of the spec: what the user should see (waiting with a reason, running, terminated).</param>
/// <param name="RequeueAfter">Look again after this long even if nothing changes (a back-off ending); null: only on change.</param>
/// <param name="ConfirmDeletion">The pod is being deleted and nothing of it runs any more: remove the object.</param>
public sealed record PodPlan(
    IReadOnlyList<AgentAction> Actions,
    IReadOnlyList<ContainerView> Containers,
    TimeSpan? RequeueAfter,
    bool ConfirmDeletion);

/// <summary>A container as the user sees it: the newest attempt and, when waiting, why.</summary>
public sealed record ContainerView(string Name, ObservedContainer? Latest, ObservedContainer? Previous, string? WaitingReason, string? WaitingMessage);

/// <summary>
/// The node agent's decision for one pod, level-based and pure: from the pod object, what the node runs for it
/// (found by labels) and the time, the steps that move the node towards the pod's spec. Run it again after the steps
/// (or on any change) and it continues from what it finds; it never remembers anything itself.
/// </summary>
public static class PodReconciler
{
    public static PodPlan Reconcile(V1Pod pod, ObservedPod observed, Func<string, ObservedImage> images, DateTime now)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            return Teardown(pod, observed);
        }

        var actions = new List<AgentAction>();
        var views = new List<ContainerView>();
        TimeSpan? requeue = null;
        if (observed.SandboxId is null || !observed.SandboxRunning)
        {
            // A pod's containers share the sandbox's network namespace: without it, start over.
            actions.AddRange(observed.Containers.Where(c => c.State == RunState.Running)
                .Select(c => (AgentAction)new AgentAction.StopContainer(c.Id, TimeSpan.Zero)));
            actions.AddRange(observed.Containers.Select(c => (AgentAction)new AgentAction.RemoveContainer(c.Id)));
            if (observed.SandboxId is { } stale)
            {
                actions.Add(new AgentAction.RemoveSandbox(stale));
            }

            actions.Add(new AgentAction.RunSandbox());
            observed = ObservedPod.Nothing;
        }

        var backoff = RestartBackoff.For(pod);
        foreach (var container in pod.Spec.Containers)
        {
            var (view, steps, wait) = Container(pod, container, observed, images(container.Image), backoff, now);
            views.Add(view);
            actions.AddRange(steps);
            if (wait is { } w && (requeue is null || w < requeue))
            {
                requeue = w;
            }
        }

        return new PodPlan(actions, views, requeue, ConfirmDeletion: false);
    }

    private static (ContainerView, IReadOnlyList<AgentAction>, TimeSpan?) Container(
        V1Pod pod, V1Container spec, ObservedPod observed, ObservedImage image, RestartBackoff backoff, DateTime now)
    {
        var attempts = observed.Containers.Where(c => c.Name == spec.Name).OrderByDescending(c => c.Attempt).ToList();
        var latest = attempts.FirstOrDefault();
        var previous = attempts.Skip(1).FirstOrDefault();
        var view = new ContainerView(spec.Name, latest, previous, null, null);
        if (latest is { State: RunState.Running })
        {
            return (view, [], null);
        }

        int attempt;
        int step;
        if (latest is { State: RunState.Exited } exited)
        {
            if (!ShouldRestart(pod.Spec.RestartPolicy, exited.ExitCode))
            {
                return (view, [], null);
            }

            attempt = exited.Attempt + 1;
            step = RestartBackoff.NextStep(exited);
            var allowed = (exited.FinishedAt ?? now) + backoff.Delay(step);
            if (now < allowed)
            {
                var delay = backoff.Delay(step);
                return (view with
                {
                    WaitingReason = "CrashLoopBackOff",
                    WaitingMessage = $"back-off {Format(delay)} restarting failed container={spec.Name} pod={pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})",
                }, [], allowed - now);
            }
        }
        else
        {
            // Never started, or created but not started (the agent stopped halfway): start this attempt afresh.
            attempt = latest?.Attempt ?? 0;
            step = latest?.BackoffStep ?? 0;
        }

        var pull = ImageStep(spec, image, backoff, now);
        if (pull.Wait is not null || pull.Reason is not null)
        {
            return (view with { WaitingReason = pull.Reason, WaitingMessage = pull.Message }, pull.Actions, pull.Wait);
        }

        if (PodFeatures.Blocking(pod, spec) is { } blocked)
        {
            return (view with { WaitingReason = PodFeatures.ConfigError, WaitingMessage = blocked }, [], null);
        }

        var steps = new List<AgentAction>(pull.Actions);
        if (latest is { State: RunState.Created } half)
        {
            steps.Add(new AgentAction.RemoveContainer(half.Id));
        }

        // Keep the newest exited attempt (for logs --previous); older ones go.
        steps.AddRange(attempts.Skip(1).Where(a => a.State == RunState.Exited).Select(a => (AgentAction)new AgentAction.RemoveContainer(a.Id)));
        steps.Add(new AgentAction.StartContainer(spec.Name, attempt, step));
        return (view with { WaitingReason = "ContainerCreating" }, steps, null);
    }

    private sealed record PullDecision(IReadOnlyList<AgentAction> Actions, string? Reason, string? Message, TimeSpan? Wait);

    private static PullDecision ImageStep(V1Container spec, ObservedImage image, RestartBackoff backoff, DateTime now)
    {
        if (image.Present && spec.ImagePullPolicy != "Always")
        {
            return new PullDecision([], null, null, null);
        }

        if (spec.ImagePullPolicy == "Never")
        {
            return new PullDecision([], "ErrImageNeverPull",
                $"Container image \"{spec.Image}\" is not present with pull policy of Never", null);
        }

        if (image.PullFailures > 0 && image.PullFailedAt is { } failedAt)
        {
            var retryAt = failedAt + backoff.Delay(image.PullFailures);
            if (now < retryAt)
            {
                return new PullDecision([], image.PullFailures == 1 ? "ErrImagePull" : "ImagePullBackOff",
                    image.PullFailures == 1 ? image.PullError : $"Back-off pulling image \"{spec.Image}\": {image.PullError}", retryAt - now);
            }
        }

        return image.Present ? new PullDecision([], null, null, null) : new PullDecision([new AgentAction.PullImage(spec.Image)], null, null, null);
    }

    private static PodPlan Teardown(V1Pod pod, ObservedPod observed)
    {
        var grace = TimeSpan.FromSeconds(Math.Max(0, pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30));
        var actions = new List<AgentAction>();
        actions.AddRange(observed.Containers.Where(c => c.State == RunState.Running)
            .Select(c => (AgentAction)new AgentAction.StopContainer(c.Id, grace)));
        actions.AddRange(observed.Containers.Select(c => (AgentAction)new AgentAction.RemoveContainer(c.Id)));
        if (observed.SandboxId is { } sandbox)
        {
            actions.Add(new AgentAction.RemoveSandbox(sandbox));
        }

        return new PodPlan(actions, [], null, ConfirmDeletion: true);
    }

    private static bool ShouldRestart(string? policy, int? exitCode) => policy switch
    {
        "Never" => false,
        "OnFailure" => exitCode != 0,
        _ => true,
    };

    private static string Format(TimeSpan delay) =>
        delay.TotalMinutes >= 1 && delay.Seconds == 0 ? $"{(int)delay.TotalMinutes}m0s" : delay.TotalMinutes >= 1
            ? $"{(int)delay.TotalMinutes}m{delay.Seconds}s"
            : $"{(int)delay.TotalSeconds}s";
}
