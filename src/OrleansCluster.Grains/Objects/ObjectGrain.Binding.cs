using k8s;
using k8s.Models;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Scheduling;

namespace OrleansCluster.Grains.Objects;

public sealed partial class ObjectGrain
{
    async Task<string> IObjectGrain.Bind(string bindingJson, bool dryRun)
    {
        if (type.Kind != "Pod")
        {
            throw new ApiException(405, "MethodNotAllowed", $"{type.QualifiedPlural} have no binding subresource");
        }

        var binding = ParseBinding(bindingJson);
        if (PodBinding.Validate(binding) is { Count: > 0 } errors)
        {
            throw ApiException.Invalid("Binding", "pods/binding", key.Name,
                errors.Select(e => new ApiCause(e.Reason, e.Field, e.Message)).ToList());
        }

        var pod = (V1Pod)ModelCodec.Clone(type, RequireCurrent());
        if (binding.Metadata?.Uid is { Length: > 0 } uid && uid != pod.Metadata.Uid)
        {
            throw ApiException.Conflict(type.QualifiedPlural, key.Name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {pod.Metadata.Uid}");
        }

        if (ObjectRules.IsStale(binding.Metadata?.ResourceVersion, CurrentRevision))
        {
            throw ApiException.Conflict(type.QualifiedPlural, key.Name,
                "the object has been modified; please apply your changes to the latest version and try again");
        }

        if (PodBinding.Refusal(pod) is { } refusal)
        {
            // Kubernetes reports every refusal of a bind as a conflict on pods/binding.
            throw ApiException.Conflict("pods/binding", key.Name, refusal);
        }

        PodBinding.Apply(pod, binding, time.GetUtcNow().UtcDateTime);
        return await WriteAsync(pod, changed: true, dryRun);
    }

    private V1Binding ParseBinding(string json)
    {
        if (json.Length > MaxObjectBytes)
        {
            throw ApiException.TooLarge($"Request entity too large: limit is {MaxObjectBytes}");
        }

        V1Binding? binding;
        try
        {
            binding = KubernetesJson.Deserialize<V1Binding>(json);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"the body of the request was in an unknown format: {e.Message}");
        }

        if (binding is null
            || (binding.Kind is { Length: > 0 } kind && kind != "Binding")
            || (binding.ApiVersion is { Length: > 0 } version && version != "v1"))
        {
            throw ApiException.BadRequest("the body of the request is not a v1 Binding");
        }

        var meta = binding.Metadata ??= new V1ObjectMeta();
        if (!string.IsNullOrEmpty(meta.Name) && meta.Name != key.Name)
        {
            throw ApiException.BadRequest("name in URL does not match name in Binding object");
        }

        if (!string.IsNullOrEmpty(meta.NamespaceProperty) && meta.NamespaceProperty != key.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta.Name = key.Name;
        return binding;
    }
}
