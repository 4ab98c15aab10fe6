using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OrleansCluster.Pki;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Cluster.Tests;

/// <summary>A silo process that also serves the Kubernetes API over HTTPS (role <c>gateway</c>).</summary>
internal sealed record ApiSilo(SiloProcess Silo, int ApiPort, string PkiDirectory)
{
    /// <summary>
    /// Starts silos with the gateway role at once, sharing one PKI folder (one CA and admin token, as
    /// <c>deploy/add-silo.sh</c> does); the scheduler is off so that nothing but the test touches its pods.
    /// </summary>
    public static async Task<ApiSilo[]> StartAsync(SiloCluster cluster, params string[] names) =>
        await Task.WhenAll(names.Select(async name =>
        {
            var apiPort = FreePorts.Next();
            var silo = await cluster.StartSiloAsync(name,
                "--OrleansCluster:Roles:0=control-plane", "--OrleansCluster:Roles:1=gateway",
                "--OrleansCluster:Scheduler:Enabled=false",
                string.Create(CultureInfo.InvariantCulture, $"--OrleansCluster:Gateway:Port={apiPort}"));
            return new ApiSilo(silo, apiPort, cluster.PkiDirectory);
        }));

    /// <summary>An HTTPS client as kubectl is configured by the kubeconfig the silo wrote: the cluster CA and the admin token.</summary>
    public KubeHttp Connect(TimeSpan? timeout = null) => new(this, timeout ?? KubeHttp.RequestTimeout);
}

/// <summary>One answer of the API: the HTTP code, the <c>Retry-After</c> header, and the body.</summary>
internal sealed record KubeAnswer(int Code, string? RetryAfter, string Body)
{
    public bool Ok => Code is >= 200 and < 300;
}

/// <summary>Raw HTTPS to one silo's API, trusting only the cluster CA and sending the admin bearer token.</summary>
internal sealed class KubeHttp : IDisposable
{
    /// <summary>Far above the silos' own bound on a grain call (10 s): an answer that takes this long is a hang.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);
    private readonly HttpClient client;

    public KubeHttp(ApiSilo silo, TimeSpan timeout)
    {
        var trust = ClusterTrust.FromFile(Path.Combine(silo.PkiDirectory, "ca.crt"));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => trust.Trusts(certificate as X509Certificate2),
            },
        };
        client = new HttpClient(handler)
        {
            BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{silo.ApiPort}")),
            Timeout = timeout,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            File.ReadAllText(Path.Combine(silo.PkiDirectory, "admin.token")).Trim());
    }

    public HttpClient Client => client;

    public Task<KubeAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null);

    public Task<KubeAnswer> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json, "application/json");

    public Task<KubeAnswer> MergePatchAsync(string path, string json) =>
        SendAsync(HttpMethod.Patch, path, json, "application/merge-patch+json");

    public void Dispose() => client.Dispose();

    private async Task<KubeAnswer> SendAsync(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        using var response = await client.SendAsync(request);
        return new KubeAnswer((int)response.StatusCode,
            response.Headers.TryGetValues("Retry-After", out var retry) ? retry.First() : null,
            await response.Content.ReadAsStringAsync());
    }
}
