using System.Globalization;
using Orleans.Storage;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Grains.Objects;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Storage;

/// <summary>
/// Orleans' storage seam for API objects: a grain's state is its row in <c>kube_objects</c>, and every
/// write goes through the store so that it gets the next cluster-wide revision and a log entry in the same
/// transaction. The ETag is the revision; a write from a stale ETag fails and changes nothing.
/// </summary>
public sealed class ObjectGrainStorage(ObjectStore store) : IGrainStorage
{
    /// <summary>The provider name API object grains use.</summary>
    public const string Name = "objects";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var record = Record(grainState);
        var key = KeyOf(grainId);
        StoredObject? stored;
        try
        {
            // PostgreSQL's text cannot hold U+0000, so no row has such a key: the object is absent, and creating it
            // fails validation (no name may contain it) rather than the store.
            stored = key.ToString().Contains('\0', StringComparison.Ordinal) ? null : await store.GetAsync(key);
        }
        catch (Exception e) when (StoreFailureTranslation.Translate(e) is { } translated)
        {
            // A read also runs when the grain activates, which no grain call filter sees; Orleans passes our exception on
            // unwrapped (an OrleansException), so the caller learns the store is unavailable.
            throw translated;
        }

        record.Json = stored?.Json;
        grainState.ETag = stored is null ? null : Revision(stored.Revision);
        grainState.RecordExists = stored is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var record = Record(grainState);
        var key = KeyOf(grainId);
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        try
        {
            var revision = await store.PutAsync(
                new ObjectWrite(key, record.Uid, expected, record.LabelsJson, record.FieldsJson, record.Json!));
            grainState.ETag = Revision(revision);
            grainState.RecordExists = true;
        }
        catch (Exception e) when (e is RevisionConflictException or ObjectNotFoundException)
        {
            throw new InconsistentStateException(e.Message, grainState.ETag ?? "", "unknown");
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var record = Record(grainState);
        var key = KeyOf(grainId);
        var expected = long.Parse(grainState.ETag ?? "0", CultureInfo.InvariantCulture);
        long revision;
        try
        {
            revision = await store.DeleteAsync(key, expected, record.Json);
        }
        catch (Exception e) when (e is RevisionConflictException or ObjectNotFoundException)
        {
            throw new InconsistentStateException(e.Message, grainState.ETag ?? "", "unknown");
        }

        record.Json = null;
        record.RemovedAt = Revision(revision);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static ObjectKey KeyOf(GrainId grainId) => ObjectKeys.Parse(grainId.Key.ToString()!).Key;

    private static string Revision(long revision) => revision.ToString(CultureInfo.InvariantCulture);

    private static ObjectRecord Record<T>(IGrainState<T> grainState) =>
        grainState.State as ObjectRecord
        ?? throw new InvalidOperationException($"{nameof(ObjectGrainStorage)} stores {nameof(ObjectRecord)} only, not {typeof(T)}");
}
