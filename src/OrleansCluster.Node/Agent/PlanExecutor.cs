using k8s.Models;
using OrleansCluster.Core.NodeAgent;
using OrleansCluster.Runtime;

namespace OrleansCluster.Node.Agent;

/// <summary>
/// Carries out a plan's steps against the runtime, in order, recording kubelet's events. Consecutive stops run
/// together, so a pod's containers share one grace period. A failed pull is remembered (for the back-off) and only
/// skips the containers of that image, and a failed start is left for the next look; any other failure ends the
/// pass, and the work queue retries it.
/// </summary>
public sealed class PlanExecutor(IContainerRuntime runtime, ImagePulls pulls, PodEvents events, string hostIp, TimeProvider time)
{
    public async Task ExecuteAsync(V1Pod pod, PodPlan plan, PodOnNode found, CancellationToken ct)
    {
        var sandbox = found.Sandbox;
        var pulled = new HashSet<string>(StringComparer.Ordinal);
        var failedPulls = new HashSet<string>(StringComparer.Ordinal);
        var names = found.Pod.Containers.ToDictionary(c => c.Id, c => c.Name);
        var actions = plan.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            switch (actions[i])
            {
                case AgentAction.RunSandbox:
                    var attempt = sandbox is null ? 0 : PodObserver.Attempt(sandbox.Labels) + 1;
                    sandbox = await runtime.RunSandboxAsync(ContainerSpecs.Sandbox(pod, attempt), ct);
                    if (attempt == 0)
                    {
                        events.NotCarriedOut(pod);
                    }

                    break;
                case AgentAction.PullImage pull:
                    if (await PullAsync(pod, pull.Image, ct))
                    {
                        pulled.Add(pull.Image);
                    }
                    else
                    {
                        failedPulls.Add(pull.Image);
                    }

                    break;
                case AgentAction.StartContainer start:
                    var spec = pod.Spec.Containers.First(c => c.Name == start.Name);
                    if (failedPulls.Contains(spec.Image))
                    {
                        break;
                    }

                    if (!pulled.Contains(spec.Image))
                    {
                        events.AlreadyPresent(pod, spec.Image);
                    }

                    await StartAsync(pod, spec, start, sandbox ?? throw new InvalidOperationException("no sandbox to start a container in"), ct);
                    break;
                case AgentAction.StopContainer:
                    var stops = new List<AgentAction.StopContainer>();
                    for (; i < actions.Count && actions[i] is AgentAction.StopContainer stop; i++)
                    {
                        stops.Add(stop);
                    }

                    i--;
                    await Task.WhenAll(stops.Select(async s =>
                    {
                        if (names.TryGetValue(s.Id, out var name) && s.Grace > TimeSpan.Zero)
                        {
                            events.Killing(pod, name);
                        }

                        await runtime.StopContainerAsync(s.Id, s.Grace, ct);
                    }));
                    break;
                case AgentAction.RemoveContainer remove:
                    await runtime.RemoveContainerAsync(remove.Id, ct);
                    break;
                case AgentAction.RemoveSandbox removeSandbox:
                    await runtime.RemoveSandboxAsync(removeSandbox.Id, ct);
                    break;
            }
        }
    }

    private async Task<bool> PullAsync(V1Pod pod, string image, CancellationToken ct)
    {
        events.Pulling(pod, image);
        var started = time.GetTimestamp();
        try
        {
            var info = await runtime.PullImageAsync(image, ct);
            pulls.Succeeded(image);
            events.Pulled(pod, image, time.GetElapsedTime(started), info.Size);
            return true;
        }
        catch (ContainerRuntimeException e) when (e.Error is RuntimeError.ImagePull or RuntimeError.ImageNotFound)
        {
            pulls.Failed(image, e.Message, time.GetUtcNow().UtcDateTime);
            events.PullFailed(pod, image, e.Message);
            return false;
        }
    }

    private async Task StartAsync(V1Pod pod, V1Container spec, AgentAction.StartContainer start, PodSandbox sandbox, CancellationToken ct)
    {
        var id = await runtime.CreateContainerAsync(sandbox,
            ContainerSpecs.Container(pod, spec, start.Attempt, start.BackoffStep, sandbox.IpAddress, hostIp), ct);
        events.Created(pod, spec.Name);
        if (start.Attempt == 0)
        {
            events.NotCarriedOut(pod, spec);
        }
        try
        {
            await runtime.StartContainerAsync(id, ct);
        }
        catch (ContainerRuntimeException e) when (e.Error != RuntimeError.NotFound)
        {
            // The engine keeps the container with its error; the next look reports it as a StartError exit and
            // restarts it with back-off, as kubelet does.
            events.StartFailed(pod, e.Message);
            return;
        }

        events.Started(pod, spec.Name);
    }
}
