using k8s.Models;
using OrleansCluster.Core.Controllers;
using OrleansCluster.Core.Controllers.Deployments;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Tests.Controllers;

/// <summary>
/// A Deployment and its ReplicaSets as the API would hold them, for the planner's tests: a pass applies a plan as the
/// controller would (creates, updates, deletes, the Deployment's annotations, template and status), and
/// <see cref="SettleReplicaSets"/> plays the ReplicaSet controller and kubelets (each set's pods follow its replicas;
/// how many of the new set's pods are available is up to the test).
/// </summary>
internal sealed class DeploymentWorld
{
    public static readonly DateTime T0 = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    private int uids;

    public DeploymentWorld(int replicas, string image = "web:1", string? maxSurge = null, string? maxUnavailable = null,
        bool recreate = false, int historyLimit = 10)
    {
        Deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "ns", Uid = "dep-uid", Generation = 1 },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = Template(image),
                RevisionHistoryLimit = historyLimit,
                ProgressDeadlineSeconds = 600,
                Strategy = recreate
                    ? new V1DeploymentStrategy { Type = "Recreate" }
                    : new V1DeploymentStrategy
                    {
                        Type = "RollingUpdate",
                        RollingUpdate = new V1RollingUpdateDeployment
                        {
                            MaxSurge = maxSurge is null ? null : (IntOrString)maxSurge,
                            MaxUnavailable = maxUnavailable is null ? null : (IntOrString)maxUnavailable,
                        },
                    },
            },
        };
    }

    public V1Deployment Deployment { get; private set; }

    public List<V1ReplicaSet> Sets { get; } = [];

    public List<V1Pod> Pods { get; } = [];

    public DateTime Now { get; set; } = T0;

    public List<string> Events { get; } = [];

    public int Replicas => Deployment.Spec.Replicas ?? 1;

    public static V1PodTemplateSpec Template(string image) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = image }] },
    };

    public V1ReplicaSet? NewSet => Sets.FirstOrDefault(s => PodTemplateHash.SameTemplate(s.Spec.Template, Deployment.Spec.Template));

    public IEnumerable<V1ReplicaSet> OldSets => Sets.Where(s => s != NewSet);

    /// <summary>Changes the spec as a user would: the generation moves.</summary>
    public void Edit(Action<V1DeploymentSpec> change)
    {
        change(Deployment.Spec);
        Deployment.Metadata.Generation++;
    }

    public DeploymentPlan Pass()
    {
        var plan = DeploymentPlanner.Plan(Deployment, Sets, Pods, Now);
        if (plan.Create is { } create)
        {
            create.Metadata.Uid = $"rs-uid-{++uids}";
            create.Metadata.CreationTimestamp = Now.AddMilliseconds(uids);
            create.Metadata.Generation = 1;
            Sets.Add(create);
        }

        foreach (var update in plan.Update.Concat(plan.Release))
        {
            var index = Sets.FindIndex(s => s.Metadata.Name == update.Metadata.Name);
            var generation = Sets[index].Metadata.Generation ?? 1;
            update.Metadata.Generation = update.Spec.Replicas != Sets[index].Spec.Replicas ? generation + 1 : generation;
            Sets[index] = update;
        }

        Sets.RemoveAll(s => plan.Delete.Any(d => d.Metadata.Uid == s.Metadata.Uid));
        Events.AddRange(plan.Scalings.Select(s => s.Message));
        var next = ModelCodec.CloneModel(Deployment);
        if (plan.Annotations is { } annotations)
        {
            next.Metadata.Annotations = new Dictionary<string, string>(annotations);
        }

        if (plan.Rollback is { } rollback)
        {
            Events.Add(rollback.Message);
            next.Spec.Template = rollback.Template;
            next.Metadata.Generation++;
        }

        next.Status = plan.Status;
        Deployment = next;
        return plan;
    }

    /// <summary>
    /// The ReplicaSet controller's answer: every set has as many pods as it asks for; old sets' pods stay available
    /// (up to their size), the new set's first <paramref name="newAvailable"/> (null: all).
    /// </summary>
    public void SettleReplicaSets(int? newAvailable = null)
    {
        foreach (var set in Sets)
        {
            var replicas = set.Spec.Replicas ?? 1;
            var available = set == NewSet
                ? Math.Min(replicas, newAvailable ?? replicas)
                : Math.Min(replicas, set.Status?.AvailableReplicas ?? replicas);
            set.Status = new V1ReplicaSetStatus
            {
                Replicas = replicas,
                ReadyReplicas = available,
                AvailableReplicas = available,
                ObservedGeneration = set.Metadata.Generation,
            };
        }
    }

    /// <summary>Passes with every pod becoming available at once, until the rollout completes.</summary>
    public void RollOut(int limit = 50)
    {
        for (var i = 0; i < limit; i++)
        {
            Pass();
            SettleReplicaSets();
            if (Complete)
            {
                Pass();
                return;
            }
        }

        throw new InvalidOperationException("the rollout did not complete");
    }

    public bool Complete => Progressing?.Reason == DeploymentConditions.NewReplicaSetAvailable && OldSets.All(s => s.Spec.Replicas == 0);

    public V1DeploymentCondition? Progressing => Deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == DeploymentConditions.Progressing);

    public V1DeploymentCondition? Available => Deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == DeploymentConditions.Available);

    /// <summary>A pod of <paramref name="set"/>, as the ReplicaSet controller would have made it.</summary>
    public V1Pod PodOf(V1ReplicaSet set, string name, string phase = "Running") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            Labels = new Dictionary<string, string>(set.Spec.Template.Metadata.Labels),
            OwnerReferences = [OwnerReferences.ControllerReference("apps/v1", "ReplicaSet", set.Metadata.Name, set.Metadata.Uid)],
        },
        Status = new V1PodStatus { Phase = phase },
    };
}
