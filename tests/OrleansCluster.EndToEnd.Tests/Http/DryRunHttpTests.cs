using System.Text;
using System.Text.Json;
using OrleansCluster.TestSupport;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>
/// <c>dryRun=All</c> through raw HTTP: each verb answers with the real call's status code and the would-be object and
/// leaves the cluster (objects and revision) as it was; other values are refused. Also: a DELETE that removes answers
/// at the revision its DELETED watch event carries.
/// </summary>
[Collection(GatewayCluster.Collection)]
public sealed class DryRunHttpTests(GatewayCluster cluster) : IDisposable
{
    private const string Ns = "http-dryrun";
    private const string Pods = $"/api/v1/namespaces/{Ns}/pods";
    private readonly ApiHttp api = new(cluster);

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task Every_verb_with_dryRun_All_answers_as_the_real_call_and_changes_nothing()
    {
        await api.CreateNamespaceAsync(Ns);
        await api.PostAsync(Pods, ApiHttp.Pod("keep"));
        var keep = (await api.GetAsync($"{Pods}/keep")).Json;
        var keepVersion = keep.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var before = await StateAsync();

        var created = await api.PostAsync($"{Pods}?dryRun=All", ApiHttp.Pod("ghost"));
        Assert.True(created.Code == 201, created.Body);
        var ghost = created.Json.GetProperty("metadata");
        Assert.True(Guid.TryParse(ghost.GetProperty("uid").GetString(), out _), created.Body);
        Assert.True(ghost.TryGetProperty("creationTimestamp", out _), created.Body);
        Assert.False(ghost.TryGetProperty("resourceVersion", out _), created.Body);
        Assert.Equal(404, (await api.GetAsync($"{Pods}/ghost")).Code);

        var generated = await api.PostAsync($"{Pods}?dryRun=All",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"gen-"},"spec":{"containers":[{"name":"main","image":"busybox:1.36"}]}}""");
        Assert.True(generated.Code == 201, generated.Body);
        Assert.StartsWith("gen-", generated.Json.GetProperty("metadata").GetProperty("name").GetString(), StringComparison.Ordinal);

        var replaced = await api.PutAsync($"{Pods}/keep?dryRun=All", keep.GetRawText().Replace("\"app\":\"http\"", "\"app\":\"put\""));
        AssertAnswer(replaced, 200, keepVersion, "put");
        var status = await api.PutAsync($"{Pods}/keep/status?dryRun=All", keep.GetRawText());
        AssertAnswer(status, 200, keepVersion, "http");
        var merged = await api.PatchAsync($"{Pods}/keep?dryRun=All", """{"metadata":{"labels":{"app":"merge"}}}""", "application/merge-patch+json");
        AssertAnswer(merged, 200, keepVersion, "merge");
        var strategic = await api.PatchAsync($"{Pods}/keep?dryRun=All", """{"metadata":{"labels":{"app":"smp"}}}""", "application/strategic-merge-patch+json");
        AssertAnswer(strategic, 200, keepVersion, "smp");
        var json = await api.PatchAsync($"{Pods}/keep?dryRun=All", """[{"op":"replace","path":"/metadata/labels/app","value":"json"}]""", "application/json-patch+json");
        AssertAnswer(json, 200, keepVersion, "json");
        var statusPatch = await api.PatchAsync($"{Pods}/keep/status?dryRun=All", """{"status":{"phase":"Running"}}""", "application/merge-patch+json");
        Assert.Equal("Running", statusPatch.Json.GetProperty("status").GetProperty("phase").GetString());
        var applyCreates = await api.PatchAsync($"{Pods}/applied?dryRun=All&fieldManager=test", ApiHttp.Pod("applied"), "application/apply-patch+yaml");
        Assert.True(applyCreates.Code == 201, applyCreates.Body);

        var bound = await api.PostAsync($"{Pods}/keep/binding?dryRun=All",
            """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"keep"},"target":{"kind":"Node","name":"node-1"}}""");
        Assert.True(bound.Code == 201, bound.Body);

        var deleted = await api.SendAsync(HttpMethod.Delete, $"{Pods}/keep?dryRun=All");
        AssertAnswer(deleted, 200, keepVersion, "http");
        var deletedByBody = await api.SendAsync(HttpMethod.Delete, $"{Pods}/keep", Encoding.UTF8.GetBytes("""{"dryRun":["All"]}"""), "application/json");
        AssertAnswer(deletedByBody, 200, keepVersion, "http");
        var collection = await api.SendAsync(HttpMethod.Delete, $"{Pods}?dryRun=All");
        Assert.True(collection.Code == 200, collection.Body);
        Assert.Equal(["keep"], collection.Json.GetProperty("items").EnumerateArray().Select(Name));
        var ns = (await api.GetAsync($"/api/v1/namespaces/{Ns}")).Json.GetRawText();
        var finalized = await api.PutAsync($"/api/v1/namespaces/{Ns}/finalize?dryRun=All", ns.Replace("[\"kubernetes\"]", "[]"));
        Assert.True(finalized.Code == 200, finalized.Body);
        Assert.Equal(0, finalized.Json.GetProperty("spec").TryGetProperty("finalizers", out var f) ? f.GetArrayLength() : 0);
        var nsDeleted = await api.SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{Ns}?dryRun=All");
        Assert.Equal("Terminating", nsDeleted.Json.GetProperty("status").GetProperty("phase").GetString());

        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [InlineData("POST", "", "CreateOptions")]
    [InlineData("PUT", "/keep", "UpdateOptions")]
    [InlineData("PATCH", "/keep", "PatchOptions")]
    [InlineData("DELETE", "/keep", "DeleteOptions")]
    [InlineData("DELETE", "", "DeleteOptions")]
    public async Task Any_other_dryRun_value_is_refused_as_Kubernetes_refuses_it_and_changes_nothing(string method, string path, string options)
    {
        await api.CreateNamespaceAsync(Ns);
        await api.PostAsync(Pods, ApiHttp.Pod("keep"));
        var body = method == "PATCH" ? """{"metadata":{"labels":{"app":"x"}}}""" : (await api.GetAsync($"{Pods}/keep")).Body;
        var before = await StateAsync();

        var response = await api.SendAsync(new HttpMethod(method), $"{Pods}{path}?dryRun=Bogus",
            method == "DELETE" ? null : Encoding.UTF8.GetBytes(body),
            method == "PATCH" ? "application/merge-patch+json" : "application/json");

        var status = response.AssertStatus(422, "Invalid");
        Assert.Equal($"{options}.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: \"Bogus\": supported values: \"All\"",
            status.GetProperty("message").GetString());
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_delete_answers_at_the_revision_of_its_DELETED_watch_event()
    {
        await api.CreateNamespaceAsync(Ns);
        var created = await api.PostAsync(Pods, ApiHttp.Pod("deleted-rv"));
        var from = created.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString();

        var deleted = await api.SendAsync(HttpMethod.Delete, $"{Pods}/deleted-rv");
        var watched = await api.GetAsync($"{Pods}?watch=true&resourceVersion={from}&fieldSelector=metadata.name%3Ddeleted-rv&timeoutSeconds=1");

        Assert.True(deleted.Code == 200, deleted.Body);
        var answered = deleted.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var events = watched.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var gone = Assert.Single(events, e => e.GetProperty("type").GetString() == "DELETED");
        Assert.Equal(answered, gone.GetProperty("object").GetProperty("metadata").GetProperty("resourceVersion").GetString());
        Assert.True(long.Parse(answered!) > long.Parse(from!));
    }

    /// <summary>
    /// The namespace's pods (name → resourceVersion), the namespace itself and the cluster's revision, once no namespace
    /// is terminating (other tests' namespaces being emptied would advance the revision meanwhile).
    /// </summary>
    private async Task<string> StateAsync()
    {
        await Eventually.True(
            async () => !(await api.GetAsync("/api/v1/namespaces")).Json.GetProperty("items").EnumerateArray()
                .Any(n => n.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _)),
            TimeSpan.FromSeconds(60), "no namespace terminating");
        var pods = await api.GetAsync(Pods);
        var ns = await api.GetAsync($"/api/v1/namespaces/{Ns}");
        return string.Join(',', (await api.SnapshotAsync(Pods)).OrderBy(p => p.Key)) + "|" + ns.Body + "|"
            + pods.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString();
    }

    private static void AssertAnswer(ApiResponse response, int code, string? resourceVersion, string app)
    {
        Assert.True(response.Code == code, response.Body);
        var meta = response.Json.GetProperty("metadata");
        Assert.Equal(resourceVersion, meta.GetProperty("resourceVersion").GetString());
        Assert.Equal(app, meta.GetProperty("labels").GetProperty("app").GetString());
    }

    private static string Name(JsonElement item) => item.GetProperty("metadata").GetProperty("name").GetString()!;
}
