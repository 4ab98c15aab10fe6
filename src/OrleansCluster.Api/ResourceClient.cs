using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;

namespace OrleansCluster.Api;

/// <summary>
/// Typed access to one kind: create, get, list, watch, update, patch and delete, with Kubernetes semantics.
/// Failures throw <see cref="ApiException"/> carrying the Kubernetes status code and reason; a failed call changed nothing.
/// For cluster-scoped kinds, pass no namespace. Every write takes <c>dryRun</c> (Kubernetes' <c>dryRun=All</c>): the
/// cluster defaults, validates and admits it exactly as the real write, fails as it would, and answers what would be
/// stored, but stores nothing (no revision, no watch event).
/// </summary>
public sealed class ResourceClient<T>(IClusterClient cluster, ResourceType type)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const int GenerateNameAttempts = 8;

    /// <summary>Objects per list chunk: about 60 KB of pods, under the 85 KB at which .NET puts arrays on the large
    /// object heap (whose collections are the expensive ones), and many enough to amortize a call.</summary>
    private const int ListChunkSize = 64;

    /// <summary>
    /// Creates <paramref name="obj"/> (named, or from <c>metadata.generateName</c>); returns it as stored. With
    /// <paramref name="dryRun"/>, returns it as it would be stored (uid and creationTimestamp set, no resourceVersion).
    /// </summary>
    public async Task<T> CreateAsync(T obj, bool dryRun = false)
    {
        var meta = obj.Metadata ?? throw ApiException.BadRequest("metadata is required");
        if (!string.IsNullOrEmpty(meta.Name) || string.IsNullOrEmpty(meta.GenerateName))
        {
            return Read(await Grain(meta.NamespaceProperty, meta.Name ?? "").Create(ModelCodec.Write(obj), dryRun));
        }

        for (var attempt = 1; ; attempt++)
        {
            var named = (T)ModelCodec.Clone(type, obj);
            named.Metadata.Name = NameGenerator.Generate(meta.GenerateName, Random.Shared);
            try
            {
                return Read(await Grain(meta.NamespaceProperty, named.Metadata.Name).Create(ModelCodec.Write(named), dryRun));
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists" && attempt < GenerateNameAttempts)
            {
                // Name taken: draw another suffix.
            }
        }
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> GetAsync(string name, string? ns = null) =>
        await Grain(ns, name).Get() is { } json ? Read(json) : null;

    /// <summary>The objects (in <paramref name="ns"/>, or all namespaces when null) that the selectors select.</summary>
    /// <remarks>
    /// The list arrives in chunks from one snapshot; each chunk is parsed on the thread pool while the next is fetched,
    /// so turning a large list into typed objects overlaps with reading it.
    /// </remarks>
    public async Task<ObjectList<T>> ListAsync(string? ns = null, string? labelSelector = null, string? fieldSelector = null)
    {
        var stream = cluster.GetGrain<IListStreamGrain>(Guid.NewGuid());
        var resourceVersion = "";
        var parsing = new List<Task<T[]>>();
        try
        {
            await foreach (var chunk in StoreUnavailableAsApiError.Translate(stream.List(Select(ns, labelSelector, fieldSelector), ListChunkSize)))
            {
                resourceVersion = chunk.ResourceVersion;
                var bytes = chunk.Utf8JsonArray;
                parsing.Add(chunk.Count == 0 ? Task.FromResult(Array.Empty<T>()) : Task.Run(() => ReadArray(bytes)));
            }
        }
        finally
        {
            _ = stream.Release();
        }

        var parsed = await Task.WhenAll(parsing);
        var all = new List<T>(parsed.Sum(p => p.Length));
        foreach (var part in parsed)
        {
            all.AddRange(part);
        }

        return new ObjectList<T>(resourceVersion, all);
    }

    /// <summary>
    /// Every change after <paramref name="resourceVersion"/> (from a list), in order, exactly once; with none, the current
    /// objects as ADDED first. Ends when <paramref name="ct"/> is cancelled. A version no longer kept throws 410 Expired: relist.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? ns = null, string? resourceVersion = null, string? labelSelector = null, string? fieldSelector = null,
        bool bookmarks = false, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var watch = cluster.GetGrain<IWatchGrain>(Guid.NewGuid());
        var events = watch.Watch(Select(ns, labelSelector, fieldSelector), resourceVersion ?? "", bookmarks);
        await foreach (var e in StoreUnavailableAsApiError.Translate(events, ct))
        {
            yield return new WatchEvent<T>(e.Type, e.ResourceVersion, e.Json.Length == 0 ? null : Read(e.Json));
        }
    }

    /// <summary>
    /// Replaces spec and metadata; a set <c>metadata.resourceVersion</c> must be current (else 409 Conflict). A dry run
    /// answers the updated object at the current resourceVersion.
    /// </summary>
    public async Task<T> UpdateAsync(T obj, bool dryRun = false) =>
        Read(await Grain(obj.Metadata.NamespaceProperty, obj.Metadata.Name).Update(ModelCodec.Write(obj), dryRun));

    /// <summary>Replaces the status only.</summary>
    public async Task<T> UpdateStatusAsync(T obj, bool dryRun = false) =>
        Read(await Grain(obj.Metadata.NamespaceProperty, obj.Metadata.Name).UpdateStatus(ModelCodec.Write(obj), dryRun));

    /// <summary>Applies a JSON merge patch (RFC 7386), given as JSON text or as an object to serialize.</summary>
    public Task<T> PatchAsync(string name, string? ns, object mergePatch, bool dryRun = false) =>
        PatchAsync(name, ns, PatchKind.Merge, mergePatch as string ?? JsonSerializer.Serialize(mergePatch), dryRun);

    /// <summary>
    /// Applies a patch of the given kind (merge, strategic merge, JSON patch, or server-side apply, which creates when
    /// absent). A dry run answers the patched object at the current resourceVersion (none when an apply would create).
    /// </summary>
    public async Task<T> PatchAsync(string name, string? ns, PatchKind kind, string patch, bool dryRun = false) =>
        Read((await Grain(ns, name).Patch(new PatchRequest(kind, patch) { DryRun = dryRun })).Json);

    /// <summary>
    /// Deletes the object; returns it with <c>Removed</c> false when finalizers or a grace period still hold it (and
    /// marked with its deletionTimestamp), else as removed, at the revision of the deletion. A dry run (here or in
    /// <paramref name="request"/>) answers the same without deleting, at the current resourceVersion.
    /// </summary>
    public async Task<(T Object, bool Removed)> DeleteAsync(
        string name, string? ns = null, DeleteRequest? request = null, bool dryRun = false)
    {
        request ??= new DeleteRequest();
        var result = await Grain(ns, name).Delete(dryRun ? request with { DryRun = true } : request);
        return (Read(result.Json), result.Removed);
    }

    internal IObjectGrain Grain(string? ns, string name)
    {
        if (type.Namespaced && string.IsNullOrEmpty(ns))
        {
            throw ApiException.BadRequest($"{type.QualifiedPlural} are namespaced: a namespace is required");
        }

        return cluster.GetGrain<IObjectGrain>(type.ObjectKey(ns, name));
    }

    private Selection Select(string? ns, string? labelSelector, string? fieldSelector) => new()
    {
        Resource = type.QualifiedPlural,
        Namespace = ns,
        LabelSelector = labelSelector,
        FieldSelector = fieldSelector,
    };

    // The stored JSON was written by the cluster from this model, so it is parsed straight into T.
    private static T Read(string json) => KubernetesJson.Deserialize<T>(json);

    private static T[] ReadArray(byte[] utf8JsonArray) =>
        KubernetesJson.Deserialize<T[]>(new MemoryStream(utf8JsonArray, writable: false));
}
