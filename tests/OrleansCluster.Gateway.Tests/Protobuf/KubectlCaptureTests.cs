using k8s;
using k8s.Models;
using OrleansCluster.Core.FieldValidation;
using OrleansCluster.Gateway.Protobuf;
using static OrleansCluster.Gateway.Tests.Protobuf.KubectlCaptures;

namespace OrleansCluster.Gateway.Tests.Protobuf;

/// <summary>The bodies the real kubectl sends decode to the JSON kubectl would have sent.</summary>
public sealed class KubectlCaptureTests
{
    [Fact]
    public void Create_namespace()
    {
        AssertJson(CreateNamespace, """
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}, "spec": {}}
            """);
    }

    [Fact]
    public void Create_configmap_from_a_literal()
    {
        AssertJson(CreateConfigMap, """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "b"}}
            """);
    }

    [Fact]
    public void Create_configmap_from_files_puts_binary_content_in_binaryData()
    {
        AssertJson(CreateConfigMapFromFiles, """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "files"},
             "data": {"text.txt": "hello"}, "binaryData": {"bin.dat": "AAH+/w=="}}
            """);
    }

    [Fact]
    public void Create_secret()
    {
        AssertJson(CreateSecret, """
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"password": "aHVudGVyMg=="}, "type": "Opaque"}
            """);
    }

    [Fact]
    public void Create_deployment()
    {
        AssertJson(CreateDeployment, """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "labels": {"app": "web"}},
             "spec": {"replicas": 2,
                      "selector": {"matchLabels": {"app": "web"}},
                      "template": {"metadata": {"labels": {"app": "web"}},
                                   "spec": {"containers": [{"name": "busybox", "image": "busybox:1.36", "resources": {}}]}},
                      "strategy": {}}}
            """);
    }

    [Fact]
    public void Create_deployment_with_a_port_and_a_command_in_a_namespace()
    {
        AssertJson(CreateDeploymentWithPortAndCommand, """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "api", "namespace": "team-a", "labels": {"app": "api"}},
             "spec": {"replicas": 1,
                      "selector": {"matchLabels": {"app": "api"}},
                      "template": {"metadata": {"labels": {"app": "api"}},
                                   "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27", "command": ["sleep", "3600"],
                                                            "ports": [{"containerPort": 8080}], "resources": {}}]}},
                      "strategy": {}}}
            """);
    }

    [Theory]
    [InlineData(CreateNamespace, typeof(V1Namespace))]
    [InlineData(CreateConfigMapFromFiles, typeof(V1ConfigMap))]
    [InlineData(CreateSecret, typeof(V1Secret))]
    [InlineData(CreateDeploymentWithPortAndCommand, typeof(V1Deployment))]
    public void Decoded_json_reads_as_the_model_with_no_unknown_fields(string hex, Type model)
    {
        var json = KubeProtobuf.ToJson(Bytes(hex));

        Assert.Empty(FieldValidator.Find(model, json));
        IKubernetesObject<V1ObjectMeta> obj = model.Name switch
        {
            nameof(V1Namespace) => KubernetesJson.Deserialize<V1Namespace>(json),
            nameof(V1ConfigMap) => KubernetesJson.Deserialize<V1ConfigMap>(json),
            nameof(V1Secret) => KubernetesJson.Deserialize<V1Secret>(json),
            _ => KubernetesJson.Deserialize<V1Deployment>(json),
        };
        Assert.False(string.IsNullOrEmpty(obj.Metadata.Name));
    }

    private static void AssertJson(string hex, string expected) => KubeProtobufTests.AssertJson(Bytes(hex), expected);
}
