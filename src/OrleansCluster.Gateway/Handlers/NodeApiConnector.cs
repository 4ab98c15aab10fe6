using System.Net.Http.Headers;
using System.Net.WebSockets;
using OrleansCluster.NodeApi;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// The gateway's side of the node APIs: one pooled HTTP client and the shared <c>kubelet.token</c>. Follows and execs
/// last as long as the user's request, so there is no overall timeout; connecting is bounded.
/// </summary>
public sealed class NodeApiConnector : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly string token;
    private readonly HttpClient http;

    public NodeApiConnector(string token)
    {
        this.token = token;
        http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Opens the node's exec WebSocket with exactly the subprotocol agreed with the client.</summary>
    public async Task<ClientWebSocket> ConnectAsync(Uri uri, string protocol, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        socket.Options.AddSubProtocol(protocol);
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri, connecting.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => http.Dispose();
}
