using k8s;
using k8s.Models;

namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>The usual mappings from an informer event to the keys a controller looks at.</summary>
public static class EventKeys
{
    /// <summary>The object itself.</summary>
    public static IEnumerable<ObjectName> Self<T>(InformerEvent<T> e)
        where T : class, IKubernetesObject<V1ObjectMeta> => [ObjectName.Of(e.Object)];

    /// <summary>
    /// The controller (an owner reference with <c>controller: true</c>) of kind <paramref name="kind"/> of the object
    /// before and after the change: both must look when an object changes hands.
    /// </summary>
    public static IEnumerable<ObjectName> ControllerOf<T>(InformerEvent<T> e, string kind)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var keys = new HashSet<ObjectName>();
        foreach (var obj in new[] { e.Old, e.New })
        {
            if (obj?.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true) is { } owner && owner.Kind == kind)
            {
                keys.Add(new ObjectName(obj.Metadata.NamespaceProperty, owner.Name));
            }
        }

        return keys;
    }
}
