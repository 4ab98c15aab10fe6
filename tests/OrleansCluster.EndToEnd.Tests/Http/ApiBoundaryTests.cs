using System.Net.Http.Headers;
using System.Text;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>
/// Where the API ends: only on its own listener and only with the token (whatever the <c>Host</c> header says), never
/// through a dot segment into a parent resource, and never as somebody else without saying so.
/// </summary>
[Collection(GatewayCluster.Collection)]
public sealed class ApiBoundaryTests(GatewayCluster cluster) : IDisposable
{
    private const string Ns = "api-boundary";
    private const string Pods = $"/api/v1/namespaces/{Ns}/pods";
    private readonly ApiHttp api = new(cluster);
    private readonly HttpClient plain = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        api.Dispose();
        plain.Dispose();
    }

    [Theory]
    [InlineData("/api/v1/namespaces")]
    [InlineData("/api/v1/namespaces/default/pods")]
    [InlineData("/api")]
    [InlineData("/apis")]
    [InlineData("/openapi/v3")]
    [InlineData("/version")]
    public async Task The_health_port_serves_no_API_path_whatever_the_Host_header_says(string path)
    {
        foreach (var host in new[] { $"127.0.0.1:{cluster.ApiPort}", $"localhost:{cluster.ApiPort}", $"127.0.0.1:{cluster.HealthPort}", "x" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{cluster.HealthPort}{path}");
            request.Headers.Host = host;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
            using var response = await plain.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == 404, $"Host {host}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("items", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_write_through_the_health_port_changes_nothing_and_health_still_answers()
    {
        await api.CreateNamespaceAsync(Ns);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"http://127.0.0.1:{cluster.HealthPort}/api/v1/namespaces/{Ns}")
        {
            Content = new StringContent("""{"metadata":{"labels":{"via":"health-port"}}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.Host = $"127.0.0.1:{cluster.ApiPort}";
        using (var response = await plain.SendAsync(patch))
        {
            Assert.Equal(404, (int)response.StatusCode);
        }

        var ns = await api.GetAsync($"/api/v1/namespaces/{Ns}");
        Assert.False(ns.Json.GetProperty("metadata").TryGetProperty("labels", out var labels) && labels.TryGetProperty("via", out _), ns.Body);
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            using var health = await plain.GetAsync($"http://127.0.0.1:{cluster.HealthPort}{path}");
            Assert.Equal(200, (int)health.StatusCode);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("x")]
    [InlineData("127.0.0.1:1")]
    public async Task Every_API_route_needs_the_token_whatever_the_Host_header_says(string? host)
    {
        using var anonymous = new ApiHttp(cluster, sendToken: false);
        foreach (var (method, path) in new[] { ("GET", "/api/v1/namespaces"), ("GET", "/api/v1/namespaces/default"), ("DELETE", $"{Pods}/x"), ("GET", "/apis") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (host is not null)
            {
                request.Headers.Host = host;
            }

            (await anonymous.SendAsync(request)).AssertStatus(401, "Unauthorized");
        }
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task The_bearer_scheme_is_accepted_in_any_case_as_Kubernetes_does(string scheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {api.Token}");
        using var anonymous = new ApiHttp(cluster, sendToken: false);
        var answer = await anonymous.SendAsync(request);
        Assert.True(answer.Code == 200, answer.Body);
    }

    [Theory]
    [InlineData("pods/%2e%2e")]
    [InlineData("pods/%2E%2E")]
    [InlineData("pods/..")]
    [InlineData("pods/%2e")]
    [InlineData("pods/.")]
    [InlineData("pods/nope/..")]
    [InlineData("pods/victim/..")]
    [InlineData("pods/victim/%2e%2e")]
    [InlineData("pods/./victim")]
    [InlineData("pods/x/../victim")]
    [InlineData("pods/.%2e")]
    public async Task A_delete_through_a_dot_segment_is_refused_and_deletes_nothing(string tail)
    {
        await api.CreateNamespaceAsync(Ns);
        foreach (var name in new[] { "victim", "keep" })
        {
            var created = await api.PostAsync(Pods, ApiHttp.Pod(name));
            Assert.True(created.Code is 201 or 409, created.Body);
        }

        var pods = await api.SnapshotAsync(Pods);
        var namespaces = await api.SnapshotAsync("/api/v1/namespaces");
        var uri = new Uri($"https://127.0.0.1:{cluster.ApiPort}/api/v1/namespaces/{Ns}/{tail}",
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Get, HttpMethod.Put, HttpMethod.Patch })
        {
            using var request = new HttpRequestMessage(method, uri);
            if (method != HttpMethod.Delete && method != HttpMethod.Get)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/merge-patch+json");
            }

            var answer = await api.SendAsync(request);
            answer.AssertStatus(400, "BadRequest");
            Assert.Contains("may not be '", answer.Message, StringComparison.Ordinal);
        }

        Assert.Equal(pods, await api.SnapshotAsync(Pods));
        Assert.Equal(namespaces, await api.SnapshotAsync("/api/v1/namespaces"));
    }

    [Fact]
    public async Task Impersonation_is_refused_and_changes_nothing_through_raw_HTTP_and_kubectl()
    {
        await api.CreateNamespaceAsync(Ns);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/namespaces/{Ns}")
        {
            Content = new StringContent("""{"metadata":{"labels":{"as":"nobody"}}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.Add("Impersonate-User", "nobody");
        (await api.SendAsync(request)).AssertStatus(403, "Forbidden");

        var kubectl = await cluster.Kubectl.RunAsync("--as=nobody", "label", "ns", Ns, "as=nobody");
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("Forbidden", kubectl.Error, StringComparison.Ordinal);
        var grouped = await cluster.Kubectl.RunAsync("--as=nobody", "--as-group=system:masters", "get", "ns", Ns);
        Assert.NotEqual(0, grouped.ExitCode);

        var ns = await api.GetAsync($"/api/v1/namespaces/{Ns}");
        Assert.False(ns.Json.GetProperty("metadata").TryGetProperty("labels", out var labels) && labels.TryGetProperty("as", out _), ns.Body);
    }
}
