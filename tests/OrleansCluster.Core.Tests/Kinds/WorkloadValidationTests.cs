using k8s.Models;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Core.Tests.Kinds;

public sealed class WorkloadValidationTests
{
    [Fact]
    public void Defaulted_workloads_are_valid()
    {
        Assert.Empty(Check(ResourceTypes.Deployment, Workloads.Deployment()));
        Assert.Empty(Check(ResourceTypes.ReplicaSet, Workloads.ReplicaSet()));
        Assert.Empty(Check(ResourceTypes.ReplicationController, Workloads.ReplicationController()));
    }

    [Fact]
    public void A_selector_that_does_not_match_the_template_labels_is_refused()
    {
        var errors = Check(ResourceTypes.Deployment, Workloads.Deployment(selectorApp: "api"));

        var error = Assert.Single(errors);
        Assert.Equal("spec.template.metadata.labels", error.Field);
        Assert.Equal("Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`", error.Message);
    }

    [Fact]
    public void An_apps_selector_is_required_and_may_not_be_empty()
    {
        var missing = Workloads.ReplicaSet();
        missing.Spec.Selector = null;
        var empty = Workloads.Deployment();
        empty.Spec.Selector = new V1LabelSelector();

        Assert.Contains(Check(ResourceTypes.ReplicaSet, missing), e => e is { Field: "spec.selector", Reason: "FieldValueRequired" });
        Assert.Contains(Check(ResourceTypes.Deployment, empty),
            e => e.Field == "spec.selector" && e.Message.EndsWith("empty selector is invalid for deployment", StringComparison.Ordinal));
    }

    [Fact]
    public void Replicas_may_not_be_negative()
    {
        var rc = Workloads.ReplicationController();
        rc.Spec.Replicas = -1;

        var error = Assert.Single(Check(ResourceTypes.ReplicationController, rc));
        Assert.Equal("spec.replicas: Invalid value: -1: must be greater than or equal to 0", error.ToString());
    }

    [Fact]
    public void The_template_must_restart_always_and_its_containers_are_checked_like_a_pods()
    {
        var deployment = Workloads.Deployment();
        deployment.Spec.Template.Spec.RestartPolicy = "Never";
        deployment.Spec.Template.Spec.Containers[0].Image = "";

        var errors = Check(ResourceTypes.Deployment, deployment);

        Assert.Contains(errors, e => e.ToString() == "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
        Assert.Contains(errors, e => e is { Field: "spec.template.spec.containers[0].image", Reason: "FieldValueRequired" });
    }

    [Fact]
    public void A_replication_controller_needs_a_selector_when_its_template_has_no_labels()
    {
        var rc = Workloads.ReplicationController();
        rc.Spec.Template.Metadata.Labels = null;

        Assert.Contains(Check(ResourceTypes.ReplicationController, rc), e => e is { Field: "spec.selector", Reason: "FieldValueRequired" });
    }

    [Theory]
    [InlineData("0", "0", "spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0")]
    [InlineData("120%", "1", "spec.strategy.rollingUpdate.maxUnavailable", "must not be greater than 100%")]
    [InlineData("1", "x%", "spec.strategy.rollingUpdate.maxSurge", "a valid percent string must be")]
    [InlineData("-1", "1", "spec.strategy.rollingUpdate.maxUnavailable", "must be greater than or equal to 0")]
    public void Rolling_update_parameters_are_counts_or_percentages(string unavailable, string surge, string field, string message)
    {
        var deployment = Workloads.Deployment();
        deployment.Spec.Strategy = new V1DeploymentStrategy
        {
            Type = "RollingUpdate",
            RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = unavailable, MaxSurge = surge },
        };

        var error = Assert.Single(Check(ResourceTypes.Deployment, deployment));
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recreate_takes_no_rolling_update_and_unknown_strategies_are_refused()
    {
        var recreate = Workloads.Deployment();
        recreate.Spec.Strategy = new V1DeploymentStrategy { Type = "Recreate", RollingUpdate = new V1RollingUpdateDeployment() };
        var unknown = Workloads.Deployment();
        unknown.Spec.Strategy = new V1DeploymentStrategy { Type = "BlueGreen" };

        Assert.Equal("spec.strategy.rollingUpdate", Assert.Single(Check(ResourceTypes.Deployment, recreate)).Field);
        Assert.Equal("spec.strategy.type", Assert.Single(Check(ResourceTypes.Deployment, unknown)).Field);
    }

    [Fact]
    public void The_progress_deadline_must_exceed_min_ready_seconds()
    {
        var deployment = Workloads.Deployment();
        deployment.Spec.MinReadySeconds = 600;

        var error = Assert.Single(Check(ResourceTypes.Deployment, deployment));
        Assert.Equal("spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds", error.ToString());
    }

    [Fact]
    public void An_apps_selector_is_immutable_but_a_replication_controllers_is_not()
    {
        var old = Workloads.Deployment();
        var changed = Workloads.Deployment(selectorApp: "api", templateApp: "api");
        var oldRc = Workloads.ReplicationController();
        var changedRc = Workloads.ReplicationController(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "x" });
        changedRc.Spec.Template.Metadata.Labels["tier"] = "x";
        foreach (var obj in new object[] { old, changed, oldRc, changedRc })
        {
            ObjectDefaulter.Apply(obj is V1Deployment ? ResourceTypes.Deployment : ResourceTypes.ReplicationController, obj);
        }

        var error = Assert.Single(ObjectValidator.ValidateUpdate(ResourceTypes.Deployment, changed, old));
        Assert.Equal("spec.selector", error.Field);
        Assert.EndsWith("field is immutable", error.Message, StringComparison.Ordinal);
        Assert.Empty(ObjectValidator.ValidateUpdate(ResourceTypes.ReplicationController, changedRc, oldRc));
    }

    private static IReadOnlyList<FieldError> Check(ResourceType type, object obj)
    {
        ObjectDefaulter.ApplyCreate(type, obj);
        return ObjectValidator.ValidateCreate(type, obj);
    }
}
