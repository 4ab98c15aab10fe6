using System.Globalization;
using System.Text;
using k8s.Models;
using OrleansCluster.Core.Objects;

namespace OrleansCluster.Core.Controllers.Deployments;

/// <summary>
/// The <c>pod-template-hash</c> label a Deployment gives each ReplicaSet and its pods: a short, name-safe hash of the
/// pod template (and of the Deployment's <c>collisionCount</c>, bumped when a hash is taken by a different template),
/// so each template revision has its own ReplicaSet name and its pods can be told apart by label.
/// </summary>
public static class PodTemplateHash
{
    public const string Label = "pod-template-hash";

    /// <summary>Kubernetes' safe alphabet: no vowels (no words), no look-alike characters.</summary>
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(V1PodTemplateSpec template, int? collisionCount)
    {
        var text = ModelCodec.Write(WithoutHash(template)) + (collisionCount is { } c ? "/" + c.ToString(CultureInfo.InvariantCulture) : "");
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(d => Alphabet[d % Alphabet.Length]));
    }

    /// <summary>Whether two templates are the same once the hash label is set aside (how a Deployment finds its current ReplicaSet).</summary>
    public static bool SameTemplate(V1PodTemplateSpec a, V1PodTemplateSpec b) =>
        ModelCodec.Write(WithoutHash(a)) == ModelCodec.Write(WithoutHash(b));

    /// <summary>A copy of <paramref name="template"/> without the hash label.</summary>
    public static V1PodTemplateSpec WithoutHash(V1PodTemplateSpec template)
    {
        var copy = ModelCodec.CloneModel(template);
        if (copy.Metadata?.Labels is { } labels)
        {
            labels.Remove(Label);
            if (labels.Count == 0)
            {
                copy.Metadata.Labels = null;
            }
        }

        return copy;
    }
}
