using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Controllers.GarbageCollection;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Grains.Objects;

public sealed partial class ObjectGrain
{
    private static readonly HashSet<string> ImmortalNamespaces = ["default", "kube-system", "kube-public"];

    async Task<DeleteResult> IObjectGrain.Delete(DeleteRequest request)
    {
        var obj = ModelCodec.Clone(type, RequireCurrent());
        if (obj is V1Namespace && ImmortalNamespaces.Contains(key.Name))
        {
            // Kubernetes' NamespaceLifecycle admission: the system namespaces stay.
            throw ApiException.Forbidden(type.QualifiedPlural, key.Name, "this namespace may not be deleted");
        }

        ThrowIfPreconditionFails(request, obj);
        if (request.PropagationPolicy is { } policy && !DeletionPropagation.Policies.Contains(policy))
        {
            throw ApiException.BadRequest(
                $"Unsupported value: \"{policy}\": supported values: \"Orphan\", \"Background\", \"Foreground\"");
        }

        // As the API server does: Orphan and Foreground hand the object to the garbage collector through a finalizer.
        if (DeletionPropagation.FinalizersAfterDelete(type, obj.Metadata.Finalizers, request.PropagationPolicy) is { } finalizers)
        {
            obj.Metadata.Finalizers = finalizers.Count == 0 ? null : finalizers;
        }

        switch (DeletionRules.Decide(type, obj, request.GracePeriodSeconds, time.GetUtcNow().UtcDateTime))
        {
            case DeletionDecision.Mark mark:
                obj.Metadata.DeletionTimestamp = mark.DeletionTimestamp;
                obj.Metadata.DeletionGracePeriodSeconds = mark.GracePeriodSeconds;
                if (obj is V1Namespace ns)
                {
                    (ns.Status ??= new V1NamespaceStatus()).Phase = "Terminating";
                }

                var marked = await WriteAsync(obj, dryRun: request.DryRun);
                return new DeleteResult(marked, Removed: false);
            default:
                return new DeleteResult(await RemoveAsync(obj, request.DryRun), Removed: true);
        }
    }

    async Task<string> IObjectGrain.Finalize(string json, bool dryRun)
    {
        if (RequireCurrent() is not V1Namespace old)
        {
            throw new ApiException(405, "MethodNotAllowed", $"{type.QualifiedPlural} have no finalize subresource");
        }

        var given = (V1Namespace)ParseBody(json);
        ThrowIfStale(given);
        var updated = (V1Namespace)ModelCodec.Clone(type, old);
        (updated.Spec ??= new V1NamespaceSpec()).Finalizers = given.Spec?.Finalizers;
        return await WriteOrRemoveAsync(updated, dryRun);
    }

    /// <summary>
    /// Stores <paramref name="obj"/>, unless nothing changed; returns it as stored. A caller that knows it changed
    /// something (a bind) passes <paramref name="changed"/> and saves the comparison. A dry run stores nothing and
    /// answers the object as it would be stored, at the current resourceVersion (none for a create), as Kubernetes does.
    /// </summary>
    private async Task<string> WriteAsync(IKubernetesObject<V1ObjectMeta> obj, bool changed = false, bool dryRun = false)
    {
        obj.Metadata.ResourceVersion = null;
        var json = ModelCodec.Write(obj);
        if (json.Length > MaxObjectBytes)
        {
            throw ApiException.TooLarge($"Request entity too large: limit is {MaxObjectBytes}");
        }

        if (!changed && current is not null && SameAsCurrent(json))
        {
            return ModelCodec.Write(current);
        }

        if (dryRun)
        {
            return AtCurrentRevision(obj);
        }

        state.State.Json = json;
        state.State.Uid = Guid.Parse(obj.Metadata.Uid);
        state.State.LabelsJson = JsonSerializer.Serialize(obj.Metadata.Labels ?? new Dictionary<string, string>());
        state.State.FieldsJson = JsonSerializer.Serialize(type.FieldsOf(obj));
        await PersistAsync(() => state.WriteStateAsync(), () =>
        {
            obj.Metadata.ResourceVersion = state.Etag;
            current = obj;
        });
        LogWritten(logger, key.ToString(), state.Etag);
        return ModelCodec.Write(obj);
    }

    /// <summary>Stores an updated object, and removes it when it was only waiting for its finalizers.</summary>
    private async Task<string> WriteOrRemoveAsync(IKubernetesObject<V1ObjectMeta> obj, bool dryRun)
    {
        var written = await WriteAsync(obj, dryRun: dryRun);
        var stored = dryRun ? obj : current!;
        return DeletionRules.ReadyToRemove(stored) ? await RemoveAsync(stored, dryRun) : written;
    }

    /// <summary>
    /// Removes the object; the store logs <paramref name="final"/> as the DELETED event, and the answer carries that
    /// event's resourceVersion (the revision of the deletion). A dry run removes nothing and answers at the current one.
    /// </summary>
    private async Task<string> RemoveAsync(IKubernetesObject<V1ObjectMeta> final, bool dryRun)
    {
        if (dryRun)
        {
            return AtCurrentRevision(final);
        }

        final.Metadata.ResourceVersion = null;
        var record = state.State; // Orleans replaces the state after a clear; the storage notes the revision in this one.
        record.Json = ModelCodec.Write(final);
        await PersistAsync(() => state.ClearStateAsync(), () => current = null);
        DeactivateOnIdle();
        LogRemoved(logger, key.ToString(), record.RemovedAt);
        final.Metadata.ResourceVersion = record.RemovedAt;
        return ModelCodec.Write(final);
    }

    /// <summary>What a dry run answers: <paramref name="obj"/> at the stored object's resourceVersion (none when absent).</summary>
    private string AtCurrentRevision(IKubernetesObject<V1ObjectMeta> obj)
    {
        obj.Metadata.ResourceVersion = current?.Metadata.ResourceVersion;
        return ModelCodec.Write(obj);
    }

    /// <summary>
    /// Runs a storage operation, then <paramref name="stored"/> to take its result into <see cref="current"/>. On a
    /// conflict someone else wrote the row (a duplicate activation during a membership change): reload and report a
    /// conflict. On any other failure the outcome is unknown, so this activation goes away and the next one reads the
    /// truth. Until it has finished, reads (which interleave) wait: once committed, the change can reach a watcher
    /// before this continuation runs, and a read prompted by that event must not answer with the state before it.
    /// </summary>
    private async Task PersistAsync(Func<Task> operation, Action stored)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writing = done.Task;
        try
        {
            await operation();
            stored();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            current = state.RecordExists && state.State.Json is { } json ? ModelCodec.Parse(type, json) : null;
            throw ApiException.Conflict(type.QualifiedPlural, key.Name,
                "the object has been modified; please apply your changes to the latest version and try again");
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            writing = null;
            done.TrySetResult();
        }
    }

    private bool SameAsCurrent(string json)
    {
        var stored = ModelCodec.Clone(type, current!);
        stored.Metadata.ResourceVersion = null;
        return ModelCodec.Write(stored) == json;
    }

    private void ThrowIfPreconditionFails(DeleteRequest request, IKubernetesObject<V1ObjectMeta> obj)
    {
        if (request.Uid is { Length: > 0 } uid && uid != obj.Metadata.Uid)
        {
            throw ApiException.Conflict(type.QualifiedPlural, key.Name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {obj.Metadata.Uid}");
        }

        if (ObjectRules.IsStale(request.ResourceVersion, CurrentRevision))
        {
            throw ApiException.Conflict(type.QualifiedPlural, key.Name,
                $"Precondition failed: ResourceVersion in precondition: {request.ResourceVersion}, ResourceVersion in object meta: {CurrentRevision}");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key} written at revision {Revision}")]
    private static partial void LogWritten(ILogger logger, string key, string? revision);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key} removed at revision {Revision}")]
    private static partial void LogRemoved(ILogger logger, string key, string? revision);
}
