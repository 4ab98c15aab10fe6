using OrleansCluster.Core.Patching;

namespace OrleansCluster.Core.Tests.Patching;

/// <summary>The strategic merge patch recorded from <c>kubectl apply</c> (kubectl-wire.md §6) on a realistic Deployment.</summary>
public sealed class StrategicMergePatchKubectlTests
{
    private const string Live = """
        {"kind":"Deployment","apiVersion":"apps/v1",
         "metadata":{"name":"web","namespace":"default","uid":"d-1","resourceVersion":"41","generation":3,
                     "labels":{"app":"web","tier":"frontend"},
                     "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{old}","team":"blue"},
                     "finalizers":["example.com/keep"]},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[
                     {"name":"a","image":"nginx:1.27","imagePullPolicy":"IfNotPresent",
                      "env":[{"name":"FOO","value":"1"},{"name":"BAR","value":"2"}],
                      "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP"}],
                      "terminationMessagePolicy":"File"},
                     {"name":"b","image":"busybox:1.36","args":["sleep","3600"]}],
                   "restartPolicy":"Always","dnsPolicy":"ClusterFirst"}}},
         "status":{"observedGeneration":3,"replicas":2}}
        """;

    // Exactly the body kubectl 1.32 sent (the annotation's value elided as in the notes).
    private const string RecordedPatch = """
        {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"…"},"labels":{"tier":null}},
         "spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},
          "template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],
           "containers":[{"name":"a","$setElementOrder/env":[{"name":"BAR"}],"env":[{"name":"BAR","value":"3"},{"$patch":"delete","name":"FOO"}],
                          "$setElementOrder/ports":[{"containerPort":80}],"ports":[{"$patch":"delete","containerPort":443}]},
                         {"$patch":"delete","name":"b"}]}}}}
        """;

    private const string Expected = """
        {"kind":"Deployment","apiVersion":"apps/v1",
         "metadata":{"name":"web","namespace":"default","uid":"d-1","resourceVersion":"41","generation":3,
                     "labels":{"app":"web"},
                     "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"…","team":"blue"},
                     "finalizers":["example.com/keep"]},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "strategy":{"type":"Recreate"},
                 "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[
                     {"name":"a","image":"nginx:1.27","imagePullPolicy":"IfNotPresent",
                      "env":[{"name":"BAR","value":"3"}],
                      "ports":[{"containerPort":80,"protocol":"TCP"}],
                      "terminationMessagePolicy":"File"}],
                   "restartPolicy":"Always","dnsPolicy":"ClusterFirst"}}},
         "status":{"observedGeneration":3,"replicas":2}}
        """;

    [Fact]
    public void The_recorded_kubectl_apply_patch_gives_the_configured_deployment() =>
        Json.Equal(Expected, StrategicMergePatch.Apply("Deployment", Live, RecordedPatch));

    [Fact]
    public void Applying_the_same_patch_twice_changes_nothing_more()
    {
        var once = StrategicMergePatch.Apply("Deployment", Live, RecordedPatch);
        Json.Equal(once, StrategicMergePatch.Apply("Deployment", once, RecordedPatch));
    }

    [Fact]
    public void The_result_reads_as_a_deployment_model()
    {
        var result = k8s.KubernetesJson.Deserialize<k8s.Models.V1Deployment>(
            StrategicMergePatch.Apply("Deployment", Live, RecordedPatch));
        var container = Assert.Single(result.Spec.Template.Spec.Containers);
        Assert.Equal(["BAR"], container.Env.Select(e => e.Name));
        Assert.Equal("Recreate", result.Spec.Strategy.Type);
        Assert.Null(result.Spec.Strategy.RollingUpdate);
    }

    [Fact]
    public void Kubectl_set_image_merges_one_container_by_name()
    {
        // kubectl set image deploy/web a=nginx:1.28
        var patch = """{"spec":{"template":{"spec":{"containers":[{"image":"nginx:1.28","name":"a"}]}}}}""";
        var result = k8s.KubernetesJson.Deserialize<k8s.Models.V1Deployment>(StrategicMergePatch.Apply("Deployment", Live, patch));
        Assert.Equal(["a", "b"], result.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.Equal("nginx:1.28", result.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(2, result.Spec.Template.Spec.Containers[0].Env.Count);
        Assert.Equal(["sleep", "3600"], result.Spec.Template.Spec.Containers[1].Args);
    }

    [Fact]
    public void Kubectl_rollout_restart_adds_a_template_annotation()
    {
        var patch = """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}}""";
        var result = k8s.KubernetesJson.Deserialize<k8s.Models.V1Deployment>(StrategicMergePatch.Apply("deployment", Live, patch));
        Assert.Equal("2025-01-01T00:00:00Z", result.Spec.Template.Metadata.Annotations["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal("web", result.Spec.Template.Metadata.Labels["app"]);
        Assert.Equal(2, result.Spec.Template.Spec.Containers.Count);
    }
}
