using k8s;
using k8s.Models;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Core.Objects;

/// <summary>
/// What the API server itself decides about an object's metadata on create and update, as Kubernetes does:
/// identity and timestamps are the server's, <c>generation</c> counts spec changes, status has its own path.
/// </summary>
public static class ObjectRules
{
    /// <summary>Stamps a new object: kind, uid, creation time, generation 1, and no deletion or revision yet.</summary>
    public static void PrepareForCreate(ResourceType type, IKubernetesObject<V1ObjectMeta> obj, Guid uid, DateTime now)
    {
        obj.ApiVersion = type.ApiVersion;
        obj.Kind = type.Kind;
        var meta = obj.Metadata ??= new V1ObjectMeta();
        meta.Uid = uid.ToString();
        meta.CreationTimestamp = TruncateToSeconds(now);
        meta.Generation = 1;
        meta.ResourceVersion = null;
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        if (!type.Namespaced)
        {
            meta.NamespaceProperty = null;
        }
    }

    /// <summary>
    /// Carries the server-owned metadata of <paramref name="old"/> into <paramref name="updated"/>: identity,
    /// creation and deletion marks. Bumps the generation when the desired state changed. (The status, which
    /// only the status path writes, is carried over by <c>ObjectDefaulter.ApplyUpdate</c>.)
    /// </summary>
    public static void PrepareForUpdate(
        ResourceType type, IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> old)
    {
        updated.ApiVersion = type.ApiVersion;
        updated.Kind = type.Kind;
        var meta = updated.Metadata ??= new V1ObjectMeta();
        CopyServerOwned(old.Metadata, meta);

        var changed = ObjectShape.DesiredStateJson(updated) != ObjectShape.DesiredStateJson(old);
        meta.Generation = (old.Metadata.Generation ?? 1) + (changed ? 1 : 0);
    }

    /// <summary>The object a status write produces: <paramref name="old"/> with the status of <paramref name="updated"/>.</summary>
    public static IKubernetesObject<V1ObjectMeta> ForStatusUpdate(
        ResourceType type, IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> old)
    {
        var result = ModelCodec.Clone(type, old);
        ObjectShape.SetStatus(result, ObjectShape.GetStatus(updated));
        return result;
    }

    /// <summary>True when a write that names <paramref name="given"/> as its resourceVersion is stale.</summary>
    public static bool IsStale(string? given, long current) =>
        !string.IsNullOrEmpty(given) && given != current.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void CopyServerOwned(V1ObjectMeta from, V1ObjectMeta to)
    {
        to.Uid = from.Uid;
        to.CreationTimestamp = from.CreationTimestamp;
        to.DeletionTimestamp = from.DeletionTimestamp;
        to.DeletionGracePeriodSeconds = from.DeletionGracePeriodSeconds;
        to.NamespaceProperty = from.NamespaceProperty;
        to.Name = from.Name;
    }

    private static DateTime TruncateToSeconds(DateTime t) =>
        new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
