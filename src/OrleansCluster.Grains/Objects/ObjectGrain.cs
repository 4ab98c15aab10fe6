using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Defaulting;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Validation;
using OrleansCluster.Grains.Hosting;
using OrleansCluster.Grains.Storage;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Objects;

/// <summary>
/// One API object. It is the only writer of its row, so its in-memory copy is the truth between writes;
/// it validates, defaults and stamps metadata, persists through <see cref="ObjectGrainStorage"/> (which gives
/// the write its revision and logs it for watchers), and answers only once the write is durable.
/// </summary>
public sealed partial class ObjectGrain(
    [PersistentState("object", ObjectGrainStorage.Name)] IPersistentState<ObjectRecord> state,
    TimeProvider time,
    IOptions<ControlPlaneOptions> options,
    ILogger<ObjectGrain> logger) : Grain, IObjectGrain
{
    /// <summary>Kubernetes' own limit on a stored object (etcd's request limit).</summary>
    public const int MaxObjectBytes = 1_572_864;

    private ResourceType type = null!;
    private ObjectKey key;

    /// <summary>The stored object, its resourceVersion included; null when absent.</summary>
    private IKubernetesObject<V1ObjectMeta>? current;

    /// <summary>The write in flight, if any: interleaved reads wait for it (see PersistAsync).</summary>
    private Task? writing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (type, key) = ObjectKeys.Parse(this.GetPrimaryKeyString());
        current = state.RecordExists && state.State.Json is { } json ? ModelCodec.Parse(type, json) : null;
        return Task.CompletedTask;
    }

    async Task<string?> IObjectGrain.Get()
    {
        await (writing ?? Task.CompletedTask);

        if (current is null)
        {
            DeactivateOnIdle();
        }

        return current is null ? null : ModelCodec.Write(current);
    }

    async Task<Lifecycle> IObjectGrain.GetLifecycle()
    {
        await (writing ?? Task.CompletedTask);

        var lifecycle = current switch
        {
            null => Lifecycle.Absent,
            { Metadata.DeletionTimestamp: not null } => Lifecycle.Terminating,
            _ => Lifecycle.Active,
        };
        if (current is null)
        {
            DeactivateOnIdle();
        }

        return lifecycle;
    }

    async Task<string> IObjectGrain.Create(string json, bool dryRun)
    {
        var obj = ParseBody(json);
        if (current is not null)
        {
            throw ApiException.AlreadyExists(type.QualifiedPlural, key.Name);
        }

        await RequireNamespaceAcceptsContentAsync();
        ObjectDefaulter.ApplyCreate(type, obj, options.Value.Tolerations);
        ObjectRules.PrepareForCreate(type, obj, Guid.NewGuid(), time.GetUtcNow().UtcDateTime);
        ThrowIfInvalid(ObjectValidator.ValidateCreate(type, obj));
        return await WriteAsync(obj, dryRun: dryRun);
    }

    async Task<string> IObjectGrain.Update(string json, bool dryRun)
    {
        var old = RequireCurrent();
        var obj = ParseBody(json);
        ThrowIfStale(obj);
        ObjectDefaulter.ApplyUpdate(type, obj, old);
        ObjectRules.PrepareForUpdate(type, obj, old);
        ThrowIfInvalid(ObjectValidator.ValidateUpdate(type, obj, old));
        return await WriteOrRemoveAsync(obj, dryRun);
    }

    async Task<PatchResult> IObjectGrain.Patch(PatchRequest request)
    {
        if (current is null && request.Kind == PatchKind.Apply && !request.Status)
        {
            var created = await ((IObjectGrain)this).Create(Patching.Patch(type, request, null), request.DryRun);
            return new PatchResult(created, Created: true);
        }

        var old = ModelCodec.Write(RequireCurrent());
        var patched = Patching.Patch(type, request, old);
        var written = request.Status
            ? await ((IObjectGrain)this).UpdateStatus(patched, request.DryRun)
            : await ((IObjectGrain)this).Update(patched, request.DryRun);
        return new PatchResult(written, Created: false);
    }

    async Task<string> IObjectGrain.UpdateStatus(string json, bool dryRun)
    {
        var old = RequireCurrent();
        var obj = ParseBody(json);
        ThrowIfStale(obj);
        var updated = ObjectRules.ForStatusUpdate(type, obj, old);
        ThrowIfInvalid(ObjectValidator.ValidateUpdate(type, updated, old));
        return await WriteAsync(updated, dryRun: dryRun);
    }

    private IKubernetesObject<V1ObjectMeta> RequireCurrent() =>
        current ?? throw ApiException.NotFound(type.QualifiedPlural, key.Name);

    /// <summary>
    /// Parses a request body and checks it names this object: kind and apiVersion when given, the name
    /// (taken from the key when empty) and the namespace.
    /// </summary>
    private IKubernetesObject<V1ObjectMeta> ParseBody(string json)
    {
        if (json.Length > MaxObjectBytes)
        {
            throw ApiException.TooLarge($"Request entity too large: limit is {MaxObjectBytes}");
        }

        ThrowIfInvalid(JsonTextRules.Validate(json));
        IKubernetesObject<V1ObjectMeta> obj;
        try
        {
            obj = ModelCodec.Parse(type, json);
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest($"the body of the request was in an unknown format: {e.Message}");
        }

        if ((obj.Kind is { Length: > 0 } kind && kind != type.Kind)
            || (obj.ApiVersion is { Length: > 0 } version && version != type.ApiVersion))
        {
            throw ApiException.BadRequest(
                $"the body of the request is a {obj.ApiVersion}, Kind={obj.Kind}, not a {type.ApiVersion}, Kind={type.Kind}");
        }

        var meta = obj.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(meta.Name))
        {
            meta.Name = key.Name;
        }
        else if (meta.Name != key.Name)
        {
            throw ApiException.BadRequest("the name of the object does not match the name on the URL");
        }

        if (type.Namespaced)
        {
            if (!string.IsNullOrEmpty(meta.NamespaceProperty) && meta.NamespaceProperty != key.Namespace)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta.NamespaceProperty = key.Namespace;
        }

        return obj;
    }

    private void ThrowIfStale(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (ObjectRules.IsStale(obj.Metadata.ResourceVersion, CurrentRevision))
        {
            throw ApiException.Conflict(type.QualifiedPlural, key.Name,
                "the object has been modified; please apply your changes to the latest version and try again");
        }
    }

    private void ThrowIfInvalid(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            var causes = errors.Select(e => new ApiCause(e.Reason, e.Field, e.Message)).ToList();
            throw ApiException.Invalid(type.Kind, type.QualifiedPlural, key.Name, causes);
        }
    }

    private async Task RequireNamespaceAcceptsContentAsync()
    {
        if (!type.Namespaced)
        {
            return;
        }

        var ns = GrainFactory.GetGrain<IObjectGrain>(ObjectKeys.For(ResourceTypes.Namespace, null, key.Namespace));
        switch (await ns.GetLifecycle())
        {
            case Lifecycle.Absent:
                throw ApiException.NotFound(ResourceTypes.Namespace.Plural, key.Namespace);
            case Lifecycle.Terminating:
                throw ApiException.Forbidden(type.QualifiedPlural, key.Name,
                    $"unable to create new content in namespace {key.Namespace} because it is being terminated");
        }
    }

    private long CurrentRevision => long.Parse(state.Etag ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
