using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using OrleansCluster.Pki;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>One raw HTTP exchange with the gateway: status, headers and body text.</summary>
public sealed record ApiResponse(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Body)
{
    public int Code => (int)Status;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>Asserts the answer is a <c>metav1.Status</c> failure with this code and reason; returns it.</summary>
    public JsonElement AssertStatus(int code, string reason)
    {
        Assert.True(Code == code, $"expected {code} {reason}, got {Code}: {Body}");
        var status = AssertIsStatus();
        Assert.Equal(reason, status.GetProperty("reason").GetString());
        return status;
    }

    /// <summary>Asserts the answer is a <c>metav1.Status</c> failure whose code is the HTTP code; returns it.</summary>
    public JsonElement AssertIsStatus()
    {
        Assert.StartsWith("application/json", ContentType ?? "");
        var status = Json;
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal("v1", status.GetProperty("apiVersion").GetString());
        Assert.Equal("Failure", status.GetProperty("status").GetString());
        Assert.Equal(Code, status.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("reason").GetString()), Body);
        return status;
    }

    public string Message => Json.GetProperty("message").GetString() ?? "";
}

/// <summary>
/// Raw HTTP to the test cluster's gateway: trusts only the cluster CA (from the PKI folder beside the kubeconfig)
/// and sends the admin bearer token, as kubectl would.
/// </summary>
public sealed class ApiHttp : IDisposable
{
    private readonly HttpClient client;

    public ApiHttp(GatewayCluster cluster, string? token = null, bool sendToken = true, string userAgent = "raw-http-tests",
        Version? version = null)
    {
        var pki = Path.GetDirectoryName(cluster.KubeconfigPath)!;
        var trust = ClusterTrust.FromFile(Path.Combine(pki, "ca.crt"));
        Token = File.ReadAllText(Path.Combine(pki, "admin.token")).Trim();
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            MaxConnectionsPerServer = 1000,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => trust.Trusts(certificate as X509Certificate2),
            },
        };
        client = new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{cluster.ApiPort}"),
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        if (sendToken)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        }
    }

    public string Token { get; }

    public HttpClient Client => client;

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> PostAsync(string path, string body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), contentType);

    public Task<ApiResponse> PutAsync(string path, string body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Put, path, Encoding.UTF8.GetBytes(body), contentType);

    public Task<ApiResponse> PatchAsync(string path, string body, string contentType) =>
        SendAsync(HttpMethod.Patch, path, Encoding.UTF8.GetBytes(body), contentType);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, byte[]? body = null, string? contentType = null,
        CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        return await SendAsync(request, ct);
    }

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request, CancellationToken ct = default)
    {
        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), text);
    }

    /// <summary>The objects of a collection as name → resourceVersion: what a rejected request must leave as it was.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync(string collectionPath)
    {
        var list = await GetAsync(collectionPath);
        Assert.True(list.Code == 200, list.Body);
        return list.Json.GetProperty("items").EnumerateArray().ToDictionary(
            item => item.GetProperty("metadata").GetProperty("name").GetString()!,
            item => item.GetProperty("metadata").GetProperty("resourceVersion").GetString()!);
    }

    /// <summary>Creates a namespace for one test (201, or 409 when an earlier run made it).</summary>
    public async Task CreateNamespaceAsync(string name)
    {
        var created = await PostAsync("/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""");
        Assert.True(created.Code is 201 or 409, created.Body);
    }

    public static string Pod(string name, string labels = """{"app":"http"}""") =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{{{labels}}}},"spec":{"containers":[{"name":"main","image":"busybox:1.36"}]}}""";

    /// <summary>Creates a pod naming another scheduler, so the cluster's own leaves it to the test (201 expected).</summary>
    public async Task CreatePodForAnotherSchedulerAsync(string podsPath, string name)
    {
        var pod = $$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},
             "spec":{"schedulerName":"test-scheduler","containers":[{"name":"main","image":"busybox:1.36"}]}}
            """;
        var response = await PostAsync(podsPath, pod);
        Assert.True(response.Code == 201, response.Body);
    }

    public void Dispose() => client.Dispose();
}
