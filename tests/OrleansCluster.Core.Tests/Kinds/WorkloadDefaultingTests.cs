using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Tests.Kinds;

public sealed class WorkloadDefaultingTests
{
    [Fact]
    public void A_deployment_gets_kubernetes_defaults_and_an_empty_status()
    {
        var deployment = Workloads.Deployment();
        deployment.Status = new V1DeploymentStatus { Replicas = 7 };

        ObjectDefaulter.ApplyCreate(ResourceTypes.Deployment, deployment);

        var spec = deployment.Spec;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal("RollingUpdate", spec.Strategy.Type);
        Assert.Equal("25%", spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.Equal("25%", spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal(10, spec.RevisionHistoryLimit);
        Assert.Equal(600, spec.ProgressDeadlineSeconds);
        Assert.Null(deployment.Status.Replicas);
    }

    [Fact]
    public void A_recreate_deployment_gets_no_rolling_update_parameters()
    {
        var deployment = Workloads.Deployment();
        deployment.Spec.Strategy = new V1DeploymentStrategy { Type = "Recreate" };
        deployment.Spec.Replicas = 0;

        ObjectDefaulter.Apply(ResourceTypes.Deployment, deployment);

        Assert.Null(deployment.Spec.Strategy.RollingUpdate);
        Assert.Equal(0, deployment.Spec.Replicas);
    }

    [Fact]
    public void The_pod_template_is_defaulted_like_a_pod_spec_without_the_pod_only_defaults()
    {
        var deployment = Workloads.Deployment();
        deployment.Spec.Template.Spec.Containers[0].Resources = new V1ResourceRequirements
        {
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1") },
        };

        ObjectDefaulter.Apply(ResourceTypes.Deployment, deployment);

        var pod = deployment.Spec.Template.Spec;
        Assert.Equal("Always", pod.RestartPolicy);
        Assert.Equal("ClusterFirst", pod.DnsPolicy);
        Assert.Equal("default-scheduler", pod.SchedulerName);
        Assert.Equal(30, pod.TerminationGracePeriodSeconds);
        Assert.Equal("IfNotPresent", pod.Containers[0].ImagePullPolicy);
        Assert.Equal("/dev/termination-log", pod.Containers[0].TerminationMessagePath);
        Assert.Null(pod.EnableServiceLinks);
        Assert.Null(pod.Containers[0].Resources.Requests);
    }

    [Fact]
    public void An_update_keeps_the_stored_status()
    {
        var old = Workloads.ReplicaSet();
        old.Status = new V1ReplicaSetStatus { Replicas = 2, ReadyReplicas = 1 };
        var updated = Workloads.ReplicaSet();

        ObjectDefaulter.ApplyUpdate(ResourceTypes.ReplicaSet, updated, old);

        Assert.Equal(2, updated.Status.Replicas);
        Assert.Equal(1, updated.Status.ReadyReplicas);
    }

    [Fact]
    public void A_replica_set_defaults_to_one_replica_and_keeps_its_selector()
    {
        var rs = Workloads.ReplicaSet();

        ObjectDefaulter.ApplyCreate(ResourceTypes.ReplicaSet, rs);

        Assert.Equal(1, rs.Spec.Replicas);
        Assert.Equal("web", rs.Spec.Selector.MatchLabels["app"]);
        Assert.Equal(0, rs.Status.Replicas);
    }

    [Fact]
    public void A_replication_controller_takes_its_selector_and_labels_from_the_template()
    {
        var rc = Workloads.ReplicationController();

        ObjectDefaulter.ApplyCreate(ResourceTypes.ReplicationController, rc);

        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, rc.Spec.Selector);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, rc.Metadata.Labels);
        Assert.Equal(1, rc.Spec.Replicas);
    }

    [Fact]
    public void A_replication_controller_keeps_a_selector_and_labels_it_was_given()
    {
        var rc = Workloads.ReplicationController(new Dictionary<string, string> { ["tier"] = "front" });
        rc.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a" };

        ObjectDefaulter.Apply(ResourceTypes.ReplicationController, rc);

        Assert.Equal(new Dictionary<string, string> { ["tier"] = "front" }, rc.Spec.Selector);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "a" }, rc.Metadata.Labels);
    }
}
