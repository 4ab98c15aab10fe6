using Microsoft.Extensions.DependencyInjection;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>Bad paths, verbs, credentials and query parameters through raw HTTP: each answered with a Status.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class RequestErrorTests(GatewayCluster cluster) : IDisposable
{
    private const string Ns = "http-requests";
    private const string Pods = $"/api/v1/namespaces/{Ns}/pods";
    private readonly ApiHttp api = new(cluster);

    public void Dispose() => api.Dispose();

    [Theory]
    [InlineData("/api/v1/namespaces/default/widgets")]
    [InlineData("/api/v1/widgets")]
    [InlineData("/apis/apps/v9/deployments")]
    [InlineData("/api/v1/namespaces/default/pods/x/y/z")]
    [InlineData("/api/v1/namespaces/default/pods/x/exec2")]
    [InlineData("/api/v1/namespaces/default/nodes")]
    [InlineData("/nothing/here")]
    public async Task An_unknown_resource_path_is_a_404_Status(string path)
    {
        (await api.GetAsync(path)).AssertStatus(404, "NotFound");
    }

    [Fact]
    public async Task An_unknown_verb_on_a_collection_is_405()
    {
        await api.CreateNamespaceAsync(Ns);
        var before = await api.SnapshotAsync(Pods);
        (await api.PutAsync(Pods, ApiHttp.Pod("put-on-collection"))).AssertStatus(405, "MethodNotAllowed");
        (await api.PatchAsync(Pods, "{}", "application/merge-patch+json")).AssertStatus(405, "MethodNotAllowed");
        (await api.PostAsync($"{Pods}/named", ApiHttp.Pod("named"))).AssertStatus(405, "MethodNotAllowed");
        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Fact]
    public async Task Namespaces_have_no_collection_delete_and_the_system_ones_stay()
    {
        var before = await api.SnapshotAsync("/api/v1/namespaces");

        (await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces")).AssertStatus(405, "MethodNotAllowed");
        (await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default")).AssertStatus(403, "Forbidden");

        Assert.Equal(before, await api.SnapshotAsync("/api/v1/namespaces"));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "not-the-token")]
    [InlineData(true, "")]
    public async Task Without_the_bearer_token_every_call_but_version_is_401(bool sendToken, string? token)
    {
        using var anonymous = new ApiHttp(cluster, token, sendToken);
        (await anonymous.GetAsync("/api/v1/namespaces")).AssertStatus(401, "Unauthorized");
        (await anonymous.GetAsync("/api")).AssertStatus(401, "Unauthorized");
        (await anonymous.PostAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"intruder"}}"""))
            .AssertStatus(401, "Unauthorized");
        var version = await anonymous.GetAsync("/version");
        Assert.True(version.Code == 200, version.Body);
        Assert.Equal("32", version.Json.GetProperty("minor").GetString());
        Assert.Equal(404, (await api.GetAsync("/api/v1/namespaces/intruder")).Code);
    }

    [Theory]
    [InlineData("labelSelector=a%20in%20(b")]
    [InlineData("labelSelector=%3D%3D%3D")]
    [InlineData("labelSelector=a%3D%3Db%3D%3Dc")]
    [InlineData("fieldSelector=metadata.name%3D%3D%3Dx")]
    public async Task A_bad_selector_is_400(string query)
    {
        await api.CreateNamespaceAsync(Ns);
        (await api.GetAsync($"{Pods}?{query}")).AssertStatus(400, "BadRequest");
        (await api.GetAsync($"{Pods}?watch=true&timeoutSeconds=1&{query}")).AssertStatus(400, "BadRequest");
    }

    [Theory]
    [InlineData("resourceVersion=abc")]
    [InlineData("resourceVersion=-5")]
    [InlineData("timeoutSeconds=soon")]
    public async Task A_bad_watch_parameter_is_400_before_the_stream_starts(string query)
    {
        await api.CreateNamespaceAsync(Ns);
        (await api.GetAsync($"{Pods}?watch=true&{query}")).AssertStatus(400, "BadRequest");
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resourceVersion_is_410_Expired_before_the_stream_starts()
    {
        await api.CreateNamespaceAsync(Ns);
        var first = await api.PostAsync(Pods, ApiHttp.Pod($"old-{Guid.NewGuid():N}"[..20]));
        Assert.True(first.Code == 201, first.Body);
        var old = first.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        Assert.True((await api.PostAsync(Pods, ApiHttp.Pod($"new-{Guid.NewGuid():N}"[..20]))).Code == 201);

        // Keep no history at all: every revision up to the head is compacted.
        await cluster.Services.GetRequiredService<RevisionLog>().CompactAsync(0);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await api.SendAsync(HttpMethod.Get, $"{Pods}?watch=true&resourceVersion={old}", ct: cts.Token);
        response.AssertStatus(410, "Expired");
    }
}
