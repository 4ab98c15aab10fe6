using k8s.Models;
using OrleansCluster.Core.Kinds;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Defaulting;

/// <summary>
/// The entry point for defaulting, applied in place before validation; each kind's rules are its
/// <see cref="KindDefinition"/>'s. <see cref="Apply"/> holds the field defaults that hold on any write;
/// <see cref="ApplyCreate"/> and <see cref="ApplyUpdate"/> add what the API server sets only on create (initial
/// status, admission defaults) or keeps across an update (status, allocations the client omitted).
/// </summary>
public static class ObjectDefaulter
{
    public static void Apply(ResourceType type, object obj) => KindRegistry.For(type).Default(obj);

    /// <summary>
    /// Create-time defaults (the kind's definition); <paramref name="tolerations"/> are the cluster's configured default
    /// toleration seconds, stamped first so the kind's own defaulting finds the pod already covered.
    /// </summary>
    public static void ApplyCreate(ResourceType type, object obj, TolerationDefaults? tolerations = null)
    {
        if (obj is V1Pod { Spec: { } spec } && tolerations is not null)
        {
            DefaultTolerations.Apply(spec, tolerations);
        }

        KindRegistry.For(type).DefaultOnCreate(obj);
    }

    public static void ApplyUpdate(ResourceType type, object newObj, object oldObj) =>
        KindRegistry.For(type).DefaultOnUpdate(newObj, oldObj);
}
