using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.ControllerRuntime.Tests.Informers;

/// <summary>
/// A list-watch source the test drives: it holds the objects a list answers and lets the test push changes to the
/// open watch or expire it (as the store does with a compacted revision), counting the lists made.
/// </summary>
internal sealed class ScriptedListWatch : IListWatch
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, V1Pod> objects = new(StringComparer.Ordinal);
    private Channel<Change<V1Pod>>? watch;
    private long revision;

    public int Lists { get; private set; }

    public void Put(V1Pod pod, bool announce = true)
    {
        Change<V1Pod> change;
        lock (gate)
        {
            pod.Metadata.ResourceVersion = (++revision).ToString();
            var key = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
            var type = objects.ContainsKey(key) ? ChangeType.Modified : ChangeType.Added;
            objects[key] = pod;
            change = new Change<V1Pod>(type, revision, ModelCodec.CloneModel(pod));
        }

        if (announce)
        {
            watch?.Writer.TryWrite(change);
        }
    }

    public void Remove(string name, bool announce = true, string ns = "default")
    {
        Change<V1Pod> change;
        lock (gate)
        {
            objects.Remove($"{ns}/{name}", out var pod);
            change = new Change<V1Pod>(ChangeType.Deleted, ++revision, pod);
        }

        if (announce)
        {
            watch?.Writer.TryWrite(change);
        }
    }

    /// <summary>Ends the open watch as a compacted revision does: the informer must list again.</summary>
    public void Expire() => watch?.Writer.TryComplete(new ListWatchExpiredException("too old resource version"));

    public Task<Listing<T>> ListAsync<T>(ResourceType type, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            Lists++;
            watch = Channel.CreateUnbounded<Change<V1Pod>>();
            return Task.FromResult(new Listing<T>(objects.Values.Select(p => (T)(object)ModelCodec.CloneModel(p)).ToList(), revision));
        }
    }

    public async IAsyncEnumerable<Change<T>> WatchAsync<T>(ResourceType type, long from, [EnumeratorCancellation] CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var changes = watch!;
        await foreach (var change in changes.Reader.ReadAllAsync(ct))
        {
            yield return new Change<T>(change.Type, change.Revision, (T?)(object?)change.Object);
        }
    }

    public static V1Pod Pod(string name, string ns = "default", IDictionary<string, string>? labels = null, string? ownerUid = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Uid = $"uid-{name}",
            Labels = labels,
            OwnerReferences = ownerUid is null ? null : [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "owner", Uid = ownerUid, Controller = true }],
        },
    };
}
