using System.Text.Json.Nodes;
using OrleansCluster.Gateway.Protobuf;

namespace OrleansCluster.Gateway.Tests.Protobuf;

/// <summary>Hand-built bodies for the fields kubectl's captures leave empty.</summary>
public sealed class KubeProtobufTests
{
    [Fact]
    public void Namespace_with_full_metadata_and_finalizers()
    {
        var body = ProtoWriter.Body("v1", "Namespace", ns => ns
            .Message(1, Meta)
            .Message(2, spec => spec.Strings(1, "kubernetes", "example.com/cleanup"))
            .Message(3, status => status.String(1, "Active")));

        AssertJson(body, """
            {"apiVersion": "v1", "kind": "Namespace",
             "metadata": {"name": "team-a", "generateName": "team-", "namespace": "", "uid": "u-1", "resourceVersion": "42",
                          "generation": 3, "creationTimestamp": "2024-05-06T07:08:09Z",
                          "labels": {"team": "a", "tier": "2"}, "annotations": {"note": "<free & text>"},
                          "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": "u-0", "controller": true}],
                          "finalizers": ["example.com/hold"]},
             "spec": {"finalizers": ["kubernetes", "example.com/cleanup"]}}
            """.Replace("\"namespace\": \"\", ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigMap_data_binary_data_and_explicit_immutable_false()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", cm => cm
            .Message(1, m => m.String(1, "c").String(3, "default"))
            .Entry(2, "a", "1").Entry(2, "b", "")
            .Message(3, e => e.String(1, "blob").Bytes(2, [0, 255, 1]))
            .Bool(4, false));

        AssertJson(body, """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"},
             "data": {"a": "1", "b": ""}, "binaryData": {"blob": "AP8B"}, "immutable": false}
            """);
    }

    [Fact]
    public void Deployment_with_everything_kubectl_create_can_set()
    {
        var body = ProtoWriter.Body("apps/v1", "Deployment", d => d
            .Message(1, m => m.String(1, "web").Entry(11, "app", "web"))
            .Message(2, spec => spec
                .Int(1, 0)
                .Message(2, sel => sel
                    .Entry(1, "app", "web")
                    .Message(2, r => r.String(1, "tier").String(2, "In").Strings(3, "a", "b")))
                .Message(3, t => t
                    .Message(1, m => m.Entry(11, "app", "web"))
                    .Message(2, pod => pod
                        .Message(2, c => c
                            .String(1, "app").String(2, "nginx:1.27").Strings(3, "nginx").Strings(4, "-g", "daemon off;")
                            .Message(6, p => p.String(1, "http").Int(3, 80).String(4, "TCP"))
                            .Message(6, p => p.Int(3, 443))
                            .Message(7, e => e.String(1, "MODE").String(2, "prod"))
                            .Message(8, r => r.Quantity(1, "cpu", "500m").Quantity(1, "memory", "128Mi").Quantity(2, "cpu", "250m"))
                            .String(14, "IfNotPresent"))
                        .Message(20, c => c.String(1, "init").String(2, "busybox:1.36"))
                        .String(3, "Always")
                        .Int(4, 30)
                        .Entry(7, "kubernetes.io/os", "linux")
                        .Bool(11, false)))
                .Message(4, s => s.String(1, "RollingUpdate").Message(2, ru => ru
                    .Message(1, i => i.Varint(1, 0).Int(2, 1))
                    .Message(2, i => i.Varint(1, 1).String(3, "25%"))))
                .Int(6, 10)
                .Bool(7, true)));

        AssertJson(body, """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "labels": {"app": "web"}},
             "spec": {"replicas": 0,
                      "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]},
                      "template": {"metadata": {"labels": {"app": "web"}},
                                   "spec": {"containers": [{"name": "app", "image": "nginx:1.27", "command": ["nginx"], "args": ["-g", "daemon off;"],
                                                            "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}, {"containerPort": 443}],
                                                            "env": [{"name": "MODE", "value": "prod"}],
                                                            "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "250m"}},
                                                            "imagePullPolicy": "IfNotPresent"}],
                                            "initContainers": [{"name": "init", "image": "busybox:1.36"}],
                                            "restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
                                            "nodeSelector": {"kubernetes.io/os": "linux"}}},
                      "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": "25%"}},
                      "revisionHistoryLimit": 10, "paused": true}}
            """);
    }

    [Fact]
    public void Unknown_fields_of_every_wire_type_are_skipped()
    {
        var body = ProtoWriter.Body("v1", "Namespace", ns => ns
            .Varint(99, 12345)
            .Fixed32(98, 7)
            .Fixed64(97, 8)
            .Message(96, x => x.String(1, "ignored"))
            .Message(1, m => m.String(1, "a").Message(17, mf => mf.String(1, "kubectl")).String(4, "/self")));

        AssertJson(body, """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}""");
    }

    [Fact]
    public void Later_values_win_and_repeated_messages_merge_as_protobuf_says()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", cm => cm
            .Message(1, m => m.String(1, "first").Entry(11, "k", "1"))
            .Message(1, m => m.String(1, "second").Entry(11, "k", "2").Entry(11, "j", "3"))
            .Entry(2, "a", "x").Entry(2, "a", "y"));

        AssertJson(body, """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "second", "labels": {"k": "2", "j": "3"}}, "data": {"a": "y"}}
            """);
    }

    [Fact]
    public void Negative_int32_values_survive_their_ten_byte_varints()
    {
        var body = ProtoWriter.Body("apps/v1", "Deployment", d => d.Message(2, s => s.Int(1, -1)));

        AssertJson(body, """{"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"replicas": -1}}""");
    }

    [Fact]
    public void Api_version_and_kind_come_first()
    {
        var json = KubeProtobuf.ToJson(ProtoWriter.Body("v1", "Namespace", ns => ns.Message(1, m => m.String(1, "a"))));

        Assert.StartsWith("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",", json, StringComparison.Ordinal);
    }

    private static void Meta(ProtoWriter m) => m
        .String(1, "team-a").String(2, "team-").String(3, "").String(4, "/api/v1/namespaces/team-a").String(5, "u-1").String(6, "42")
        .Int(7, 3)
        .Message(8, t => t.Int(1, 1_714_979_289))
        .Message(9, _ => { })
        .Entry(11, "team", "a").Entry(11, "tier", "2")
        .Entry(12, "note", "<free & text>")
        .Message(13, o => o.String(5, "apps/v1").String(1, "ReplicaSet").String(3, "rs").String(4, "u-0").Bool(6, true))
        .Strings(14, "example.com/hold");

    internal static void AssertJson(byte[] body, string expected)
    {
        var actual = KubeProtobuf.ToJson(body);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"got {actual}");
    }
}
