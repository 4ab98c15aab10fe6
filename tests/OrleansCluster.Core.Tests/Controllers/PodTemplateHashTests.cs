using k8s.Models;
using OrleansCluster.Core.Controllers.Deployments;

namespace OrleansCluster.Core.Tests.Controllers;

public sealed class PodTemplateHashTests
{
    private static V1PodTemplateSpec Template(string image, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Labels = labels ?? new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = image }] },
    };

    [Fact]
    public void The_hash_is_stable_name_safe_and_differs_by_template_and_collision_count()
    {
        var hash = PodTemplateHash.Compute(Template("a"), null);
        Assert.Equal(hash, PodTemplateHash.Compute(Template("a"), null));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", hash);
        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("b"), null));
        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("a"), 1));
    }

    [Fact]
    public void The_hash_label_is_set_aside_when_comparing_and_hashing()
    {
        var labelled = Template("a", new Dictionary<string, string> { ["app"] = "web", [PodTemplateHash.Label] = "xyz" });
        Assert.True(PodTemplateHash.SameTemplate(labelled, Template("a")));
        Assert.False(PodTemplateHash.SameTemplate(labelled, Template("b")));
        Assert.Equal(PodTemplateHash.Compute(Template("a"), null), PodTemplateHash.Compute(labelled, null));
        Assert.Equal("xyz", labelled.Metadata.Labels[PodTemplateHash.Label]);
    }

    [Fact]
    public void History_past_the_limit_is_the_oldest_idle_ReplicaSets()
    {
        static V1ReplicaSet Set(long revision, int replicas) => new()
        {
            Metadata = new V1ObjectMeta { Name = $"r{revision}", Annotations = new Dictionary<string, string> { [Revisions.Annotation] = $"{revision}" } },
            Spec = new V1ReplicaSetSpec { Replicas = replicas },
            Status = new V1ReplicaSetStatus { Replicas = replicas },
        };

        var old = new[] { Set(4, 0), Set(1, 0), Set(2, 1), Set(3, 0) };
        Assert.Equal(["r1", "r3"], Revisions.Expired(old, historyLimit: 1).Select(s => s.Metadata.Name));
        Assert.Empty(Revisions.Expired(old, historyLimit: 10));
        Assert.Equal(5, Revisions.Next(old));
    }
}
