using System.Text.Json;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>
/// <c>POST /api/v1/namespaces/{ns}/pods/{name}/binding</c> through raw HTTP, as a scheduler calls it. The pods name
/// another scheduler, so the cluster's own scheduler leaves them to the test.
/// </summary>
[Collection(GatewayCluster.Collection)]
public sealed class BindingHttpTests(GatewayCluster cluster) : IDisposable
{
    private const string Ns = "http-binding";
    private const string Pods = $"/api/v1/namespaces/{Ns}/pods";
    private readonly ApiHttp api = new(cluster);

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task A_binding_answers_201_Success_and_binds_the_pod()
    {
        await api.CreateNamespaceAsync(Ns);
        await api.CreatePodForAnotherSchedulerAsync(Pods, "bound-over-http");

        var response = await api.PostAsync($"{Pods}/bound-over-http/binding", Binding("bound-over-http", "node-1"));

        Assert.Equal(201, response.Code);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}""", response.Body);
        var pod = (await api.GetAsync($"{Pods}/bound-over-http")).Json;
        Assert.Equal("node-1", pod.GetProperty("spec").GetProperty("nodeName").GetString());
        var conditions = pod.GetProperty("status").GetProperty("conditions").EnumerateArray();
        Assert.Contains(conditions, c => c.GetProperty("type").GetString() == "PodScheduled" && c.GetProperty("status").GetString() == "True");
    }

    [Fact]
    public async Task Binding_a_bound_pod_is_a_409_Conflict_that_changes_nothing()
    {
        await api.CreateNamespaceAsync(Ns);
        await api.CreatePodForAnotherSchedulerAsync(Pods, "bound-twice-over-http");
        Assert.Equal(201, (await api.PostAsync($"{Pods}/bound-twice-over-http/binding", Binding("bound-twice-over-http", "node-1"))).Code);
        var before = await api.SnapshotAsync(Pods);

        var response = await api.PostAsync($"{Pods}/bound-twice-over-http/binding", Binding("bound-twice-over-http", "node-2"));

        var status = response.AssertStatus(409, "Conflict");
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"bound-twice-over-http\": pod bound-twice-over-http is already assigned to node \"node-1\"",
            status.GetProperty("message").GetString());
        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Fact]
    public async Task Bad_bindings_are_Status_errors_that_change_nothing()
    {
        await api.CreateNamespaceAsync(Ns);
        await api.CreatePodForAnotherSchedulerAsync(Pods, "badly-bound");
        var before = await api.SnapshotAsync(Pods);

        (await api.PostAsync($"{Pods}/missing/binding", Binding("missing", "node-1"))).AssertStatus(404, "NotFound");
        (await api.PostAsync($"{Pods}/badly-bound/binding", """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"badly-bound"},"target":{}}"""))
            .AssertStatus(422, "Invalid");
        (await api.PostAsync($"{Pods}/badly-bound/binding", Binding("someone-else", "node-1"))).AssertStatus(400, "BadRequest");
        (await api.PostAsync($"{Pods}/badly-bound/binding", "{not json")).AssertStatus(400, "BadRequest");
        (await api.GetAsync($"{Pods}/badly-bound/binding")).AssertStatus(405, "MethodNotAllowed");
        (await api.PostAsync($"/api/v1/namespaces/{Ns}/services/x/binding", Binding("x", "node-1"))).AssertStatus(404, "NotFound");

        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Fact]
    public async Task Discovery_lists_pods_binding_as_a_create_only_Binding()
    {
        var resources = (await api.GetAsync("/api/v1")).Json.GetProperty("resources").EnumerateArray();

        var binding = Assert.Single(resources, r => r.GetProperty("name").GetString() == "pods/binding");
        Assert.Equal("Binding", binding.GetProperty("kind").GetString());
        Assert.Equal(["create"], binding.GetProperty("verbs").EnumerateArray().Select(v => v.GetString()));
    }

    private static string Binding(string pod, string node) => JsonSerializer.Serialize(new
    {
        apiVersion = "v1",
        kind = "Binding",
        metadata = new { name = pod },
        target = new { apiVersion = "v1", kind = "Node", name = node },
    });
}
