using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Kinds;
using OrleansCluster.Core.Printing;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Tests.Kinds;

public sealed class WorkloadPrintingTests
{
    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Deployments_print_ready_up_to_date_available_and_wide_columns()
    {
        var deployment = Workloads.Deployment();
        deployment.Metadata.CreationTimestamp = Now.AddMinutes(-5);
        deployment.Spec.Replicas = 3;
        deployment.Status = new V1DeploymentStatus { ReadyReplicas = 2, UpdatedReplicas = 3, AvailableReplicas = 1 };

        var printer = Printers.For(ResourceTypes.Deployment);
        var row = printer.Print(deployment, Now);

        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], printer.Columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1], printer.Columns.Select(c => c.Priority));
        Assert.Equal<object>(["web", "2/3", 3L, 1L, "5m", "main", "nginx:1.27", "app=web"], row.Cells);
    }

    [Fact]
    public void Replica_sets_and_controllers_print_desired_current_ready()
    {
        var rs = Workloads.ReplicaSet();
        rs.Metadata.CreationTimestamp = Now.AddSeconds(-30);
        rs.Spec.Replicas = 2;
        rs.Status = new V1ReplicaSetStatus { Replicas = 1, ReadyReplicas = 0 };
        var rc = Workloads.ReplicationController();
        ObjectDefaulter.Apply(ResourceTypes.ReplicationController, rc);
        rc.Metadata.CreationTimestamp = Now.AddHours(-2);

        var rsRow = Printers.For(ResourceTypes.ReplicaSet).Print(rs, Now);
        var rcRow = Printers.For(ResourceTypes.ReplicationController).Print(rc, Now);

        Assert.Equal(["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"],
            Printers.For(ResourceTypes.ReplicaSet).Columns.Select(c => c.Name));
        Assert.Equal<object>(["web", 2L, 1L, 0L, "30s", "main", "nginx:1.27", "app=web"], rsRow.Cells);
        Assert.Equal<object>(["web", 1L, 0L, 0L, "120m", "main", "nginx:1.27", "app=web"], rcRow.Cells);
    }

    [Fact]
    public void The_scale_view_carries_desired_and_observed_replicas_and_the_selector_as_text()
    {
        var deployment = Workloads.Deployment();
        deployment.Metadata.ResourceVersion = "42";
        deployment.Spec.Replicas = 3;
        deployment.Spec.Selector.MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["a", "b"] }];
        deployment.Status = new V1DeploymentStatus { Replicas = 2 };

        var scale = KindRegistry.For(ResourceTypes.Deployment).Scale!.Of(deployment);

        Assert.Equal(("autoscaling/v1", "Scale"), (scale.ApiVersion, scale.Kind));
        Assert.Equal(("web", "default", "42"), (scale.Metadata.Name, scale.Metadata.NamespaceProperty, scale.Metadata.ResourceVersion));
        Assert.Equal(3, scale.Spec.Replicas);
        Assert.Equal(2, scale.Status.Replicas);
        Assert.Equal("app=web,tier in (a,b)", scale.Status.Selector);
    }

    [Fact]
    public void Workloads_are_in_category_all_with_status_and_scale()
    {
        foreach (var type in new[] { ResourceTypes.Deployment, ResourceTypes.ReplicaSet, ResourceTypes.ReplicationController })
        {
            var kind = KindRegistry.For(type);
            Assert.Equal(["all"], kind.Categories);
            Assert.Equal(["status", "scale"], kind.Subresources);
            Assert.NotNull(kind.Scale);
        }

        Assert.Equal(["deploy"], ResourceTypes.Deployment.ShortNames);
        Assert.Equal(["rs"], ResourceTypes.ReplicaSet.ShortNames);
        Assert.Equal(["rc"], ResourceTypes.ReplicationController.ShortNames);
        Assert.Equal("3", ResourceTypes.ReplicaSet.FieldsOf(new V1ReplicaSet { Status = new V1ReplicaSetStatus { Replicas = 3 } })["status.replicas"]);
    }
}
