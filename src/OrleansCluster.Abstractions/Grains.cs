using Orleans.Concurrency;

namespace OrleansCluster.Abstractions;

/// <summary>
/// One API object, keyed by its etcd-style key: <c>pods/default/web</c>, <c>namespaces/default</c>.
/// Objects travel as Kubernetes JSON so every field of a manifest round-trips.
/// Every method either succeeds or throws <see cref="ApiException"/> having changed nothing.
/// A write with <c>dryRun</c> set (Kubernetes' <c>dryRun=All</c>) runs defaulting, validation and admission exactly as
/// the real write, fails as it would, and answers what would be stored, but writes nothing: no row, no revision, no
/// watch event, no change to the grain's object.
/// </summary>
public interface IObjectGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates, defaults and stores a new object; returns it as stored (a dry run: with uid and creationTimestamp
    /// but no resourceVersion).
    /// </summary>
    Task<string> Create(string json, bool dryRun = false);

    /// <summary>
    /// The object, or null when it does not exist. Never older than a change a watch has delivered: a read during a
    /// write answers once that write's outcome is known.
    /// </summary>
    [AlwaysInterleave]
    Task<string?> Get();

    /// <summary>Replaces the object's spec and metadata (status is kept). A set resourceVersion must be current.</summary>
    Task<string> Update(string json, bool dryRun = false);

    /// <summary>Replaces the object's status only. A set resourceVersion must be current.</summary>
    Task<string> UpdateStatus(string json, bool dryRun = false);

    /// <summary>
    /// Patches the object (read, patch and write happen as one step, so patches never conflict with each other)
    /// and stores it as <see cref="Update"/> would. A server-side apply of an absent object creates it.
    /// </summary>
    Task<PatchResult> Patch(PatchRequest request);

    /// <summary>
    /// Deletes the object, or marks it for deletion while finalizers or a grace period remain. The answer carries the
    /// revision of the change: when removed, the revision of the deletion (the DELETED watch event's).
    /// </summary>
    Task<DeleteResult> Delete(DeleteRequest request);

    /// <summary>Replaces a namespace's <c>spec.finalizers</c> (the <c>finalize</c> subresource).</summary>
    Task<string> Finalize(string json, bool dryRun = false);

    /// <summary>
    /// Binds a pod to a node (the <c>pods/binding</c> subresource; <paramref name="bindingJson"/> is a v1 Binding):
    /// sets <c>spec.nodeName</c> and PodScheduled=True in one write; returns the pod as stored. A pod already
    /// assigned or being deleted is a 409 Conflict, so of concurrent binds exactly one wins.
    /// </summary>
    Task<string> Bind(string bindingJson, bool dryRun = false);

    /// <summary>Whether the object exists and whether it is being deleted.</summary>
    [AlwaysInterleave]
    Task<Lifecycle> GetLifecycle();
}

/// <summary>Lists: one PostgreSQL query per call, served by any silo.</summary>
public interface IListGrain : IGrainWithIntegerKey
{
    Task<ListResult> List(Selection selection);
}

/// <summary>
/// One list streamed in chunks, keyed by a fresh id: the same objects and revision as <see cref="IListGrain.List"/>
/// (one snapshot), so that a large list is passed on and parsed while its rest is still being read.
/// </summary>
public interface IListStreamGrain : IGrainWithGuidKey
{
    /// <summary>Chunks of at most <paramref name="chunkSize"/> objects, each with the list's resourceVersion
    /// (an empty list is one empty chunk).</summary>
    IAsyncEnumerable<ListChunk> List(Selection selection, int chunkSize, CancellationToken cancellationToken = default);

    /// <summary>The caller has read the list (or given up): the activation may go.</summary>
    [OneWay]
    Task Release();
}

/// <summary>
/// One watch, keyed by a fresh id: every change of the selected objects after a resourceVersion,
/// in order, exactly once. Throws <see cref="ApiException"/> (410 Expired) when that version is no longer kept.
/// </summary>
public interface IWatchGrain : IGrainWithGuidKey
{
    IAsyncEnumerable<WatchEventData> Watch(
        Selection selection, string resourceVersion, bool bookmarks, CancellationToken cancellationToken = default);
}

/// <summary>
/// One slice of a controller (kube-controller-manager's controllers, cut into slices by namespace), keyed
/// <c>controller/index</c> (<c>replicaset/2</c>): it runs on some control-plane silo, is kept alive, and comes back on
/// another silo when its silo dies (the silos' keeper and a reminder call <see cref="Ensure"/>).
/// </summary>
public interface IControllerShardGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the slice runs (activating it starts it; a slice that stopped is restarted).</summary>
    Task Ensure();
}

/// <summary>
/// kube-scheduler: one activation (key 0) on some control-plane silo, kept alive, that places pending pods on nodes.
/// A reminder brings it back on another silo if its silo dies.
/// </summary>
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the scheduler runs (activating it starts it).</summary>
    Task Ensure();
}
