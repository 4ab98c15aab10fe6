using k8s.Models;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;
using static OrleansCluster.Core.Tests.Validation.Objects;

namespace OrleansCluster.Core.Tests.Validation;

public sealed class ObjectMetaValidatorTests
{
    [Theory]
    [InlineData("Namespace", "team-a", true)]
    [InlineData("Namespace", "team.a", false)]
    [InlineData("Pod", "web.v1", true)]
    [InlineData("Pod", "Web", false)]
    [InlineData("Node", "node-1.example.com", true)]
    [InlineData("Event", "web.17a3b", true)]
    [InlineData("Service", "web", true)]
    [InlineData("Service", "1web", false)]
    [InlineData("Service", "web.v1", false)]
    public void Name_syntax_depends_on_kind(string kind, string name, bool valid)
    {
        var type = ResourceTypes.FindByKind(kind)!;
        var obj = SampleOf(kind);
        ((k8s.IKubernetesObject<V1ObjectMeta>)obj).Metadata.Name = name;

        var errors = ObjectValidator.ValidateCreate(type, obj);

        Assert.Equal(valid, !errors.Any(e => e.Field == "metadata.name"));
        Assert.All(errors, e => Assert.Equal("FieldValueInvalid", e.Reason));
    }

    [Fact]
    public void A_missing_name_is_required()
    {
        var pod = Pod();
        pod.Metadata.Name = null;

        var error = Assert.Single(ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod));

        Assert.Equal(("metadata.name", "FieldValueRequired"), (error.Field, error.Reason));
        Assert.Equal("metadata.name: Required value: name or generateName is required", error.ToString());
    }

    [Theory]
    [InlineData("Pod", "", "metadata.namespace", "FieldValueRequired")]
    [InlineData("Pod", "Team_A", "metadata.namespace", "FieldValueInvalid")]
    [InlineData("Pod", "a.b", "metadata.namespace", "FieldValueInvalid")]
    [InlineData("Node", "default", "metadata.namespace", "FieldValueForbidden")]
    [InlineData("Namespace", "default", "metadata.namespace", "FieldValueForbidden")]
    public void Namespace_follows_the_kind_scope(string kind, string ns, string field, string reason)
    {
        var obj = SampleOf(kind);
        ((k8s.IKubernetesObject<V1ObjectMeta>)obj).Metadata.NamespaceProperty = ns;

        var errors = ObjectValidator.ValidateCreate(ResourceTypes.FindByKind(kind)!, obj);

        Assert.Equal([(field, reason)], Causes(errors));
    }

    [Fact]
    public void Owner_references_must_be_complete_and_name_one_controller()
    {
        var pod = Pod();
        pod.Metadata.OwnerReferences =
        [
            new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web-1", Uid = "a", Controller = true },
            new V1OwnerReference { ApiVersion = "", Kind = "ReplicaSet", Name = "web-2", Uid = "", Controller = true },
        ];

        var causes = Causes(ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod));

        Assert.Equal(
            [
                ("metadata.ownerReferences.apiVersion", "FieldValueInvalid"),
                ("metadata.ownerReferences.uid", "FieldValueInvalid"),
                ("metadata.ownerReferences", "FieldValueInvalid"),
            ],
            causes);
    }

    [Theory]
    [InlineData(new[] { "example.com/cleanup" }, 0)]
    [InlineData(new[] { "kubernetes" }, 0)]
    [InlineData(new[] { "bad/finalizer/name" }, 1)]
    [InlineData(new[] { "-bad" }, 1)]
    [InlineData(new[] { "orphan", "foregroundDeletion" }, 1)]
    public void Finalizers_are_qualified_names(string[] finalizers, int errorCount)
    {
        var pod = Pod();
        pod.Metadata.Finalizers = finalizers.ToList();

        var errors = ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod);

        Assert.Equal(errorCount, errors.Count);
        Assert.All(errors, e => Assert.Equal(("metadata.finalizers", "FieldValueInvalid"), (e.Field, e.Reason)));
    }

    [Fact]
    public void Labels_and_annotations_are_checked()
    {
        var pod = Pod();
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "-web" };
        pod.Metadata.Annotations = new Dictionary<string, string> { ["a/b/c"] = "" };

        var causes = Causes(ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod));

        Assert.Equal([("metadata.labels", "FieldValueInvalid"), ("metadata.annotations", "FieldValueInvalid")], causes);
    }

    [Fact]
    public void A_generate_name_prefix_may_end_with_a_dash_but_must_otherwise_fit_the_name_rule()
    {
        var pod = Pod();
        pod.Metadata.GenerateName = "web-";
        Assert.Empty(ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod));

        pod.Metadata.GenerateName = "Web-";
        Assert.Equal([("metadata.generateName", "FieldValueInvalid")], Causes(ObjectValidator.ValidateCreate(ResourceTypes.Pod, pod)));
    }

    [Theory]
    [InlineData("name", "other")]
    [InlineData("namespace", "other")]
    [InlineData("uid", "u2")]
    public void Identity_fields_are_immutable_on_update(string field, string value)
    {
        var oldPod = Pod();
        var newPod = Pod();
        switch (field)
        {
            case "name": newPod.Metadata.Name = value; break;
            case "namespace": newPod.Metadata.NamespaceProperty = value; break;
            case "uid": newPod.Metadata.Uid = value; break;
        }

        var errors = ObjectValidator.ValidateUpdate(ResourceTypes.Pod, newPod, oldPod);

        var error = Assert.Single(errors);
        Assert.Equal(($"metadata.{field}", "FieldValueInvalid"), (error.Field, error.Reason));
        Assert.EndsWith("field is immutable", error.Message);
    }

    [Fact]
    public void Labels_may_change_on_update()
    {
        var newPod = Pod();
        newPod.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "front" };

        Assert.Empty(ObjectValidator.ValidateUpdate(ResourceTypes.Pod, newPod, Pod()));
    }

    [Fact]
    public void A_model_of_the_wrong_kind_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => ObjectValidator.ValidateCreate(ResourceTypes.Pod, Node()));

    private static object SampleOf(string kind) => kind switch
    {
        "Namespace" => Namespace(),
        "Pod" => Pod(),
        "Service" => Service(),
        "Node" => Node(),
        "Event" => Event(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
