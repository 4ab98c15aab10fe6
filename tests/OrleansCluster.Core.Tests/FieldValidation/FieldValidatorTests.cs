using System.Diagnostics;
using System.Text;
using k8s;
using k8s.Models;
using OrleansCluster.Core.FieldValidation;

namespace OrleansCluster.Core.Tests.FieldValidation;

public sealed class FieldValidatorTests
{
    [Theory]
    [InlineData(typeof(V1Pod), Manifests.Pod)]
    [InlineData(typeof(V1Service), Manifests.Service)]
    [InlineData(typeof(V1Namespace), Manifests.Namespace)]
    public void Full_valid_manifests_have_no_findings(Type type, string json)
    {
        Assert.NotNull(KubernetesJson.Deserialize<object>(json)); // well-formed for the real decoder too
        Assert.Empty(FieldValidator.Find(type, json));
    }

    [Theory]
    [InlineData("\"spec\": {", "\"spec\": {\"foo\": 1, ", "spec.foo")]
    [InlineData("\"kind\": \"Pod\",", "\"kind\": \"Pod\", \"kindd\": \"Pod\",", "kindd")]
    [InlineData("\"imagePullPolicy\"", "\"imagePullPolice\"", "spec.containers[0].imagePullPolice")]
    [InlineData("\"sizeLimit\"", "\"sizelimit\"", "spec.volumes[0].emptyDir.sizelimit")]
    [InlineData("{\"name\": \"PASSWORD\", \"valueFrom\": {\"secretKeyRef\": {\"name\"",
        "{\"name\": \"PASSWORD\", \"valueFrom\": {\"secretKeyRef\": {\"nmae\"", "spec.containers[0].env[3].valueFrom.secretKeyRef.nmae")]
    [InlineData("\"httpHeaders\": [{\"name\": \"X-Probe\", \"value\": \"1\"}]",
        "\"httpHeaders\": [{\"name\": \"X-Probe\", \"value\": \"1\", \"extra\": {\"deep\": [1]}}]",
        "spec.containers[0].livenessProbe.httpGet.httpHeaders[0].extra")]
    [InlineData("{\"drop\": [\"ALL\"]", "{\"drops\": [\"ALL\"]", "spec.containers[0].securityContext.capabilities.drops")]
    [InlineData("\"nodeSelectorTerms\": [\n", "\"nodeSelectorTerms\": [\n{\"x\": 1},",
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].x")]
    [InlineData("\"phase\": \"Pending\"", "\"phase\": \"Pending\", \"Phase\": \"Running\"", "status.Phase")]
    public void Unknown_fields_are_found_at_every_depth_with_their_path(string find, string replace, string path)
    {
        var issues = FieldValidator.Find(typeof(V1Pod), Replace(Manifests.Pod, find, replace));

        var issue = Assert.Single(issues);
        Assert.Equal(new FieldIssue(FieldIssueKind.Unknown, path), issue);
        Assert.Equal($"unknown field \"{path}\"", issue.Message);
    }

    [Theory]
    [InlineData("\"name\": \"web\",", "\"name\": \"web\", \"name\": \"web2\",", "metadata.name")]
    [InlineData("\"kind\": \"Pod\",", "\"kind\": \"Pod\", \"kind\": \"Pod\",", "kind")]
    [InlineData("\"image\": \"nginx:1.27\",", "\"image\": \"nginx:1.27\", \"image\": \"nginx:1.28\",", "spec.containers[0].image")]
    [InlineData("\"tier\": \"frontend\",", "\"tier\": \"frontend\", \"tier\": \"backend\",", "metadata.labels.tier")]
    [InlineData("\"cpu\": \"500m\",", "\"cpu\": \"500m\", \"cpu\": \"1\",", "spec.containers[0].resources.limits.cpu")]
    [InlineData("{\"medium\": \"Memory\",", "{\"medium\": \"Memory\", \"medium\": \"\",", "spec.volumes[0].emptyDir.medium")]
    public void Duplicate_keys_are_found_at_every_depth(string find, string replace, string path)
    {
        var issue = Assert.Single(FieldValidator.Find(typeof(V1Pod), Replace(Manifests.Pod, find, replace)));

        Assert.Equal(new FieldIssue(FieldIssueKind.Duplicate, path), issue);
        Assert.Equal($"duplicate field \"{path}\"", issue.Message);
    }

    [Fact]
    public void Map_keys_are_never_unknown_fields()
    {
        const string json = """
            {"metadata": {"labels": {"anything": "x", "example.com/whatever-Key_1": "y"},
                          "annotations": {"imagee": "z", "spec": "{}"}},
             "spec": {"nodeSelector": {"foo": "bar"},
                      "overhead": {"cpu": "1", "example.com/gpu": "2"},
                      "containers": [{"name": "a", "resources": {"limits": {"nvidia.com/gpu": "1"}, "requests": {"made-up": "5"}}}]}}
            """;

        Assert.Empty(FieldValidator.Find(typeof(V1Pod), json));
    }

    [Fact]
    public void Leaf_types_take_any_json_value_without_findings()
    {
        const string json = """
            {"spec": {"ports": [{"port": 80, "targetPort": "http"}, {"port": 81, "targetPort": 8081}]}}
            """;
        const string data = """{"data": {"a": "YWJj"}, "stringData": {"b": "c"}, "type": "Opaque", "immutable": true}""";

        Assert.Empty(FieldValidator.Find(typeof(V1Service), json));
        Assert.Empty(FieldValidator.Find(typeof(V1Secret), data));
    }

    [Fact]
    public void Free_form_json_is_checked_for_duplicates_only()
    {
        // managedFields[].fieldsV1 is free-form JSON in the model.
        const string json = """
            {"metadata": {"managedFields": [{"manager": "kubectl", "fieldsV1": {"f:metadata": {"f:x": {}, "f:x": {}}}}]}}
            """;

        var issue = Assert.Single(FieldValidator.Find(typeof(V1Namespace), json));

        Assert.Equal(new FieldIssue(FieldIssueKind.Duplicate, "metadata.managedFields[0].fieldsV1.f:metadata.f:x"), issue);
    }

    [Fact]
    public void Nothing_inside_an_unknown_field_is_reported()
    {
        const string json = """{"spec": {"bogus": {"a": 1, "a": 2, "b": {"c": 1}}}}""";

        Assert.Equal([new FieldIssue(FieldIssueKind.Unknown, "spec.bogus")], FieldValidator.Find(typeof(V1Namespace), json));
    }

    [Fact]
    public void Findings_come_in_document_order_and_mix_kinds()
    {
        const string json = """
            {"metadata": {"name": "a", "name": "b", "nmae": "c"},
             "spec": {"finalizers": ["kubernetes"], "finalizer": [], "finalizers": []}}
            """;

        var issues = FieldValidator.Find(typeof(V1Namespace), json);

        Assert.Equal(
            ["duplicate field \"metadata.name\"", "unknown field \"metadata.nmae\"", "unknown field \"spec.finalizer\"", "duplicate field \"spec.finalizers\""],
            issues.Select(i => i.Message));
    }

    [Fact]
    public void Mismatched_tokens_are_left_to_the_decoder()
    {
        const string json = """{"metadata": {"labels": ["x"], "finalizers": {"a": 1}}, "spec": "oops"}""";

        Assert.Empty(FieldValidator.Find(typeof(V1Namespace), json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"metadata\": ")]
    [InlineData("{\"a\": 1} {}")]
    [InlineData("{'a': 1}")]
    public void Malformed_json_is_a_format_exception(string json) =>
        Assert.Throws<FormatException>(() => FieldValidator.Find(typeof(V1Pod), json));

    [Fact]
    public void A_pod_with_200_containers_validates_quickly()
    {
        var containers = string.Join(",", Enumerable.Range(0, 200).Select(i => $$$"""
            {"name": "c{{{i}}}", "image": "nginx:1.27", "ports": [{"containerPort": {{{8000 + i}}} }],
             "env": [{"name": "A", "value": "1"}, {"name": "B", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"} } }],
             "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}},
             "readinessProbe": {"httpGet": {"path": "/", "port": {{{8000 + i}}} } },
             "volumeMounts": [{"name": "data", "mountPath": "/data"}], "imagePullPolice": "Always"}
            """));
        var json = $$$"""{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "big"}, "spec": {"containers": [{{{containers}}}]}}""";
        FieldValidator.Find(typeof(V1Pod), Manifests.Pod); // warm the reflection cache

        var clock = Stopwatch.StartNew();
        var issues = FieldValidator.Find(typeof(V1Pod), json);
        clock.Stop();

        Assert.Equal(200, issues.Count);
        Assert.Equal("spec.containers[199].imagePullPolice", issues[^1].Path);
        Assert.True(clock.ElapsedMilliseconds < 500, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Utf8_overload_agrees_with_the_string_overload()
    {
        var json = Replace(Manifests.Service, "\"port\": 80,", "\"port\": 80, \"prot\": 1,");

        Assert.Equal(FieldValidator.Find(typeof(V1Service), json), FieldValidator.Find(typeof(V1Service), Encoding.UTF8.GetBytes(json)));
        Assert.Equal("spec.ports[0].prot", Assert.Single(FieldValidator.Find(typeof(V1Service), json)).Path);
    }

    private static string Replace(string json, string find, string replace)
    {
        Assert.Contains(find, json); // guard against a test that silently stops testing anything
        var at = json.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(json.AsSpan(0, at), replace, json.AsSpan(at + find.Length));
    }
}
