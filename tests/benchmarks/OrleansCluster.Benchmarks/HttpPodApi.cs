using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace OrleansCluster.Benchmarks;

/// <summary>
/// The Kubernetes API over HTTPS on loopback, with a plain <see cref="HttpClient"/> (no typed models: bodies are
/// written from <see cref="Pods.New"/> with <c>KubernetesJson</c> and read as <see cref="JsonDocument"/>), so the
/// client side of each call stays small and the figures show the gateway. HTTP/1.1 uses a pool of connections, one
/// per request in flight (as many as the load has concurrent requests); HTTP/2 multiplexes requests on a connection
/// and opens more when one's streams are used up. The watch is one streaming GET on the same client.
/// </summary>
public sealed class HttpPodApi : IPodApi, IDisposable
{
    private static readonly MediaTypeHeaderValue MergePatch = new("application/merge-patch+json");
    private readonly HttpClient http;
    private readonly X509Certificate2 ca;

    private HttpPodApi(Uri server, X509Certificate2 ca, string token, bool http2)
    {
        this.ca = ca;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustedByClusterCa },
        };
        http = new HttpClient(handler)
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Description = $"HTTPS gateway, HttpClient {(http2 ? "HTTP/2 (multiplexed)" : "HTTP/1.1 (connection pool)")}, {server}";
    }

    public string Prefix => "http.";

    public string NamespaceTag => "http-";

    public string Description { get; }

    /// <summary>Reads the server, the CA (<c>certificate-authority-data</c>) and the bearer token of a kubeconfig the gateway wrote.</summary>
    public static HttpPodApi FromKubeconfig(string path, bool http2)
    {
        string? server = null, caData = null, token = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            server ??= Value(line, "server:");
            caData ??= Value(line, "certificate-authority-data:");
            token ??= Value(line, "token:");
        }

        if (server is null || caData is null || token is null)
        {
            throw new InvalidDataException($"{path}: no server, certificate-authority-data or token");
        }

        var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(caData)));
        var uri = new Uri(server);
        if (!IPAddress.TryParse(uri.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new InvalidDataException($"{path}: server {server} is not on loopback; the benchmark runs on loopback only");
        }

        return new HttpPodApi(uri, ca, token, http2);

        static string? Value(string line, string key) => line.StartsWith(key, StringComparison.Ordinal) ? line[key.Length..].Trim() : null;
    }

    public async Task EnsureNamespaceAsync(string name)
    {
        using var body = Json($"{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"{name}\"}}}}");
        using var response = await http.PostAsync("api/v1/namespaces", body);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(response);
        }
    }

    public async Task<string> CreateAsync(string ns, string name, IDictionary<string, string> labels)
    {
        using var body = Json(k8s.KubernetesJson.Serialize(Pods.New(ns, name, labels)));
        using var response = await http.PostAsync($"api/v1/namespaces/{ns}/pods", body);
        return await ResourceVersionAsync(response);
    }

    public async Task PatchAsync(string ns, string name, string mergePatch)
    {
        using var body = new StringContent(mergePatch, Encoding.UTF8);
        body.Headers.ContentType = MergePatch;
        using var response = await http.PatchAsync($"api/v1/namespaces/{ns}/pods/{name}", body);
        await ResourceVersionAsync(response);
    }

    public async Task<(int Count, string ResourceVersion)> ListAsync(string ns, string? labelSelector)
    {
        var query = labelSelector is null ? "" : $"?labelSelector={Uri.EscapeDataString(labelSelector)}";
        using var response = await http.GetAsync($"api/v1/namespaces/{ns}/pods{query}", HttpCompletionOption.ResponseHeadersRead);
        await EnsureSuccessAsync(response);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var list = await JsonDocument.ParseAsync(stream);
        return (list.RootElement.GetProperty("items").GetArrayLength(),
            list.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? "");
    }

    public async Task WatchAsync(string ns, string resourceVersion, Action<string> received, CancellationToken ct)
    {
        // timeoutSeconds bounds the stream on the server too, should the phase never cancel it.
        var url = $"api/v1/namespaces/{ns}/pods?watch=1&resourceVersion={Uri.EscapeDataString(resourceVersion)}&timeoutSeconds=600";
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            await EnsureSuccessAsync(response);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                using var e = JsonDocument.Parse(line);
                if (e.RootElement.GetProperty("type").GetString() == "ERROR")
                {
                    throw new InvalidOperationException($"watch ended with an error: {line}");
                }

                received(e.RootElement.GetProperty("object").GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? "");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped by the phase.
        }
    }

    public void Dispose()
    {
        http.Dispose();
        ca.Dispose();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> ResourceVersionAsync(HttpResponseMessage response)
    {
        await EnsureSuccessAsync(response);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var obj = await JsonDocument.ParseAsync(stream);
        return obj.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? "";
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException(
                $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {body[..Math.Min(body.Length, 300)]}",
                null, response.StatusCode);
        }
    }

    private bool TrustedByClusterCa(object sender, X509Certificate? certificate, X509Chain? _, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 served || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(served);
    }
}
