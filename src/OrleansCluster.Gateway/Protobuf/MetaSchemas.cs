using static OrleansCluster.Gateway.Protobuf.ProtoKind;
using static OrleansCluster.Gateway.Protobuf.ProtoMessage;

namespace OrleansCluster.Gateway.Protobuf;

/// <summary>Field numbers of k8s.io/apimachinery meta/v1 messages (from its generated.proto).</summary>
internal static class MetaSchemas
{
    public static readonly ProtoMessage OwnerReference = new(
        "meta.v1.OwnerReference",
        Field(5, "apiVersion", Text),
        Field(1, "kind", Text),
        Field(3, "name", Text),
        Field(4, "uid", Text),
        Field(6, "controller", OptionalFlag),
        Field(7, "blockOwnerDeletion", OptionalFlag));

    /// <summary>Everything a client may set on create; managedFields (17) and selfLink (4) are skipped.</summary>
    public static readonly ProtoMessage ObjectMeta = new(
        "meta.v1.ObjectMeta",
        Field(1, "name", Text),
        Field(2, "generateName", Text),
        Field(3, "namespace", Text),
        Field(5, "uid", Text),
        Field(6, "resourceVersion", Text),
        Field(7, "generation", Long),
        Field(8, "creationTimestamp", Time),
        Field(9, "deletionTimestamp", Time),
        Field(10, "deletionGracePeriodSeconds", OptionalLong),
        Field(11, "labels", TextMap),
        Field(12, "annotations", TextMap),
        List(13, "ownerReferences", OwnerReference),
        Field(14, "finalizers", Texts));

    public static readonly ProtoMessage LabelSelectorRequirement = new(
        "meta.v1.LabelSelectorRequirement",
        Field(1, "key", Text),
        Field(2, "operator", Text),
        Field(3, "values", Texts));

    public static readonly ProtoMessage LabelSelector = new(
        "meta.v1.LabelSelector",
        Field(1, "matchLabels", TextMap),
        List(2, "matchExpressions", LabelSelectorRequirement));
}
