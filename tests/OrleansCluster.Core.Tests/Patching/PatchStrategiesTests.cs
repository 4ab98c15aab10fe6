using OrleansCluster.Core.Patching;

namespace OrleansCluster.Core.Tests.Patching;

public sealed class PatchStrategiesTests
{
    [Theory]
    [InlineData("Pod", "spec.containers", "name")]
    [InlineData("Pod", "spec.ephemeralContainers.env", "name")]
    [InlineData("Pod", "spec.initContainers.volumeMounts", "mountPath")]
    [InlineData("Pod", "spec.containers.ports", "containerPort")]
    [InlineData("Pod", "spec.topologySpreadConstraints", "topologyKey")]
    [InlineData("Pod", "status.podIPs", "ip")]
    [InlineData("Deployment", "spec.template.spec.volumes", "name")]
    [InlineData("statefulset", "spec.template.spec.containers.volumeDevices", "devicePath")]
    [InlineData("Job", "spec.template.spec.resourceClaims", "name")]
    [InlineData("CronJob", "spec.jobTemplate.spec.template.spec.imagePullSecrets", "name")]
    [InlineData("Service", "spec.ports", "port")]
    [InlineData("Node", "status.addresses", "type")]
    [InlineData("Namespace", "status.conditions", "type")]
    [InlineData("Event", "metadata.ownerReferences", "uid")]
    public void Lists_merge_by_their_Kubernetes_merge_key(string kind, string path, string key) =>
        Assert.Equal(key, PatchStrategies.For(kind).Find(path)?.MergeKey);

    [Theory]
    [InlineData("Pod", "metadata.finalizers")]
    [InlineData("Node", "spec.podCIDRs")]
    public void Primitive_lists_merge_as_sets(string kind, string path) =>
        Assert.Equal(ListStrategy.Primitives, PatchStrategies.For(kind).Find(path));

    [Theory]
    [InlineData("Pod", "spec.tolerations")]
    [InlineData("Pod", "spec.containers.args")]
    [InlineData("Pod", "spec.containers.envFrom")]
    [InlineData("Node", "spec.taints")]
    [InlineData("Namespace", "spec.finalizers")]
    [InlineData("Deployment", "spec.containers")]
    [InlineData("Pod", "spec.template.spec.containers")]
    public void Other_lists_are_atomic(string kind, string path) =>
        Assert.Null(PatchStrategies.For(kind).Find(path));

    [Fact]
    public void Unknown_kinds_share_the_common_table() =>
        Assert.Same(PatchStrategies.For("Widget"), PatchStrategies.For("Gadget"));
}
