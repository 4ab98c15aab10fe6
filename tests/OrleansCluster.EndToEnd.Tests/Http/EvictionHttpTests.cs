namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>
/// <c>POST /api/v1/namespaces/{ns}/pods/{name}/eviction</c> through raw HTTP, as <c>kubectl drain</c> sends it. No
/// PodDisruptionBudget exists here, so every eviction of an existing pod is allowed. The pods name another scheduler;
/// the bound one is bound by the test.
/// </summary>
[Collection(GatewayCluster.Collection)]
public sealed class EvictionHttpTests(GatewayCluster cluster) : IDisposable
{
    private const string Ns = "http-eviction";
    private const string Pods = $"/api/v1/namespaces/{Ns}/pods";
    private readonly ApiHttp api = new(cluster);

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task An_eviction_answers_201_Success_and_deletes_the_pod()
    {
        await api.CreateNamespaceAsync(Ns);
        await api.CreatePodForAnotherSchedulerAsync(Pods, "evicted-over-http");

        var response = await api.PostAsync($"{Pods}/evicted-over-http/eviction", Eviction("evicted-over-http"));

        Assert.Equal(201, response.Code);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}""", response.Body);
        (await api.GetAsync($"{Pods}/evicted-over-http")).AssertStatus(404, "NotFound");
    }

    [Fact]
    public async Task An_eviction_deletes_with_its_deleteOptions()
    {
        await api.CreateNamespaceAsync(Ns);
        await api.CreatePodForAnotherSchedulerAsync(Pods, "evicted-gracefully");
        Assert.Equal(201, (await api.PostAsync($"{Pods}/evicted-gracefully/binding",
            """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"evicted-gracefully"},"target":{"kind":"Node","name":"node-1"}}""")).Code);

        (await api.PostAsync($"{Pods}/evicted-gracefully/eviction", Eviction("evicted-gracefully", """{"preconditions":{"uid":"not-its-uid"}}""")))
            .AssertStatus(409, "Conflict");
        Assert.Equal(201, (await api.PostAsync($"{Pods}/evicted-gracefully/eviction", Eviction("evicted-gracefully", """{"dryRun":["All"]}"""))).Code);
        var untouched = (await api.GetAsync($"{Pods}/evicted-gracefully")).Json;
        Assert.False(untouched.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _));

        Assert.Equal(201, (await api.PostAsync($"{Pods}/evicted-gracefully/eviction", Eviction("evicted-gracefully", """{"gracePeriodSeconds":7}"""))).Code);

        // Bound to a node, the pod is marked for deletion with the eviction's grace period; its node finishes it.
        var marked = (await api.GetAsync($"{Pods}/evicted-gracefully")).Json.GetProperty("metadata");
        Assert.True(marked.TryGetProperty("deletionTimestamp", out _));
        Assert.Equal(7, marked.GetProperty("deletionGracePeriodSeconds").GetInt64());
    }

    [Fact]
    public async Task Bad_evictions_are_Status_errors_that_change_nothing()
    {
        await api.CreateNamespaceAsync(Ns);
        await api.CreatePodForAnotherSchedulerAsync(Pods, "badly-evicted");
        var before = await api.SnapshotAsync(Pods);

        (await api.PostAsync($"{Pods}/missing/eviction", Eviction("missing"))).AssertStatus(404, "NotFound");
        var mismatch = (await api.PostAsync($"{Pods}/badly-evicted/eviction", Eviction("someone-else"))).AssertStatus(400, "BadRequest");
        Assert.Equal("name in URL does not match name in Eviction object", mismatch.GetProperty("message").GetString());
        (await api.PostAsync($"{Pods}/badly-evicted/eviction", "{not json")).AssertStatus(400, "BadRequest");
        (await api.GetAsync($"{Pods}/badly-evicted/eviction")).AssertStatus(405, "MethodNotAllowed");
        (await api.PostAsync($"/api/v1/namespaces/{Ns}/services/x/eviction", Eviction("x"))).AssertStatus(404, "NotFound");

        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Fact]
    public async Task Discovery_lists_pods_eviction_as_a_create_only_policy_v1_Eviction()
    {
        var resources = (await api.GetAsync("/api/v1")).Json.GetProperty("resources").EnumerateArray();

        var eviction = Assert.Single(resources, r => r.GetProperty("name").GetString() == "pods/eviction");
        Assert.Equal(("policy", "v1", "Eviction"),
            (eviction.GetProperty("group").GetString(), eviction.GetProperty("version").GetString(), eviction.GetProperty("kind").GetString()));
        Assert.Equal(["create"], eviction.GetProperty("verbs").EnumerateArray().Select(v => v.GetString()));
    }

    /// <summary>The body kubectl 1.32's drain sends.</summary>
    private static string Eviction(string pod, string? deleteOptions = null) =>
        $$"""{"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"{{pod}}","namespace":"{{Ns}}"}{{(deleteOptions is null ? "" : $",\"deleteOptions\":{deleteOptions}")}}}""";
}
