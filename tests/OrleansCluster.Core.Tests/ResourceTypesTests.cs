using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Tests;

public sealed class ResourceTypesTests
{
    [Fact]
    public void Pod_fields_include_metadata_and_per_kind_paths()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team-a" },
            Spec = new V1PodSpec { NodeName = "node-1" },
            Status = new V1PodStatus { Phase = "Running" },
        };

        var fields = ResourceTypes.Pod.FieldsOf(pod);

        Assert.Equal("web", fields["metadata.name"]);
        Assert.Equal("team-a", fields["metadata.namespace"]);
        Assert.Equal("node-1", fields["spec.nodeName"]);
        Assert.Equal("Running", fields["status.phase"]);
        Assert.Equal("", fields["status.podIP"]);
    }

    [Fact]
    public void Cluster_scoped_kinds_have_no_namespace_field()
    {
        var fields = ResourceTypes.Node.FieldsOf(new V1Node { Metadata = new V1ObjectMeta { Name = "n1" } });

        Assert.False(fields.ContainsKey("metadata.namespace"));
        Assert.Equal("false", fields["spec.unschedulable"]);
    }

    [Theory]
    [InlineData("pods", "Pod", true)]
    [InlineData("namespaces", "Namespace", false)]
    [InlineData("events", "Event", true)]
    public void Kinds_are_found_by_plural_and_kind(string plural, string kind, bool namespaced)
    {
        var type = ResourceTypes.FindByPlural(plural);

        Assert.NotNull(type);
        Assert.Equal(kind, type.Kind);
        Assert.Equal(namespaced, type.Namespaced);
        Assert.Same(type, ResourceTypes.FindByKind(kind));
    }
}
