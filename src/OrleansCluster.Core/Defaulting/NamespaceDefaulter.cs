using k8s.Models;

namespace OrleansCluster.Core.Defaulting;

/// <summary>Namespace defaults; the finalizer and status are the namespace lifecycle's, not the client's.</summary>
public static class NamespaceDefaulter
{
    public const string NameLabel = "kubernetes.io/metadata.name";
    public const string KubernetesFinalizer = "kubernetes";

    /// <summary>The name label lets namespace selectors pick a namespace by name; it always mirrors the name.</summary>
    public static void Apply(V1Namespace ns)
    {
        var meta = ns.Metadata ??= new V1ObjectMeta();
        if (!string.IsNullOrEmpty(meta.Name))
        {
            meta.Labels ??= new Dictionary<string, string>();
            meta.Labels[NameLabel] = meta.Name;
        }

        ns.Status ??= new V1NamespaceStatus();
        ns.Status.Phase = Text.Or(ns.Status.Phase, "Active");
    }

    /// <summary>The "kubernetes" finalizer makes deletion wait until the namespace's contents are gone.</summary>
    public static void ApplyCreate(V1Namespace ns)
    {
        ns.Spec ??= new V1NamespaceSpec();
        ns.Spec.Finalizers ??= [];
        if (!ns.Spec.Finalizers.Contains(KubernetesFinalizer))
        {
            ns.Spec.Finalizers.Add(KubernetesFinalizer);
        }

        ns.Status = new V1NamespaceStatus { Phase = "Active" };
        Apply(ns);
    }

    /// <summary>Spec finalizers change only through the finalize subresource, status only through status.</summary>
    public static void ApplyUpdate(V1Namespace newNs, V1Namespace oldNs)
    {
        newNs.Spec = new V1NamespaceSpec { Finalizers = oldNs.Spec?.Finalizers?.ToList() };
        newNs.Status = oldNs.Status;
        Apply(newNs);
    }
}
