using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Api.Events;

/// <summary>
/// Records Kubernetes events about objects, as a component (<c>default-scheduler</c>, <c>kubelet</c>) reports them:
/// a repeat of the same type, reason and message about the same object raises the count and lastTimestamp of one
/// event instead of adding another, so <c>kubectl get events</c> and <c>describe</c> show "x3 over 2m".
/// Event names are deterministic (object name + a hash of what repeats), so two recorders of one component agree.
/// Recording is best effort, as in Kubernetes: a failed write is reported to the caller's log, never to the user.
/// </summary>
public sealed class EventRecorder(OrleansClusterClient client, string component, string? host = null, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Corev1Event> recent = new(StringComparer.Ordinal);

    private const int CacheLimit = 4096;

    public const string Normal = "Normal";
    public const string Warning = "Warning";

    /// <summary>Records (or counts again) an event about <paramref name="obj"/>; events about cluster-scoped objects go to <c>default</c>.</summary>
    public async Task RecordAsync<T>(T obj, string type, string reason, string message)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var involved = new V1ObjectReference
        {
            ApiVersion = obj.ApiVersion,
            Kind = obj.Kind,
            Name = obj.Metadata.Name,
            NamespaceProperty = obj.Metadata.NamespaceProperty,
            Uid = obj.Metadata.Uid,
            ResourceVersion = obj.Metadata.ResourceVersion,
        };
        var ns = string.IsNullOrEmpty(involved.NamespaceProperty) ? "default" : involved.NamespaceProperty;
        var name = $"{involved.Name}.{Hash(involved.Uid, involved.Kind, type, reason, message)}";
        var now = clock.GetUtcNow().UtcDateTime;

        // A new event is the common case: create first, and count on top of an existing one only when told it exists
        // (this saves a read per event; a scheduler writes one per pod).
        recent.TryGetValue($"{ns}/{name}", out var known);
        if (known is null)
        {
            try
            {
                Remember($"{ns}/{name}", await client.Events.CreateAsync(New(name, ns, involved, type, reason, message, now)));
                return;
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists")
            {
                // Recorded before (by us before a restart, or by another recorder of this component): count it again.
                known = await client.Events.GetAsync(name, ns);
            }
        }

        if (known is not null)
        {
            known.Count = (known.Count ?? 1) + 1;
            known.LastTimestamp = now;
            try
            {
                known = await client.Events.PatchAsync(name, ns, new { count = known.Count, lastTimestamp = now });
                Remember($"{ns}/{name}", known);
                return;
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Expired or deleted meanwhile: record it afresh.
                recent.TryRemove($"{ns}/{name}", out _);
            }
        }

        await RecordAsync(obj, type, reason, message);
    }

    private Corev1Event New(string name, string ns, V1ObjectReference involved, string type, string reason, string message, DateTime now) => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        InvolvedObject = involved,
        Type = type,
        Reason = reason,
        Message = message,
        Source = new V1EventSource { Component = component, Host = host },
        ReportingComponent = component,
        ReportingInstance = host ?? "",
        FirstTimestamp = now,
        LastTimestamp = now,
        Count = 1,
    };

    private void Remember(string key, Corev1Event e)
    {
        if (recent.Count >= CacheLimit)
        {
            recent.Clear(); // A miss only costs one read.
        }

        recent[key] = e;
    }

    private static string Hash(params string?[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return Convert.ToHexString(bytes, 0, 8).ToLowerInvariant();
    }
}
