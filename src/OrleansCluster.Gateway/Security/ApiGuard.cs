using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Http;
using OrleansCluster.Gateway.Routing;

namespace OrleansCluster.Gateway.Security;

/// <summary>
/// The first thing every request on the silo's web host meets. Which listener a request came in on decides what it
/// may reach (its <c>Host</c> header never does): the API's ports serve the API behind the bearer token, any other
/// port (the health port) serves <c>/healthz</c> and <c>/readyz</c> alone. On the API's ports a path with a
/// <c>.</c> or <c>..</c> segment, encoded or not, is refused before the server's normalisation could make it name a
/// parent (Kubernetes never walks up a path), and impersonation is refused until the API has identities to honour.
/// </summary>
internal sealed class ApiGuard(GatewayOptions options, GatewayCredentials credentials)
{
    /// <summary>Paths served without a token on the API's ports, as Kubernetes' public-info-viewer role allows.</summary>
    private static readonly HashSet<string> PublicPaths = ["/version", "/healthz", "/readyz", "/livez"];

    /// <summary>Paths the health port serves.</summary>
    private static readonly HashSet<string> HealthPaths = ["/healthz", "/readyz"];

    private readonly int[] apiPorts = options.InsecurePort > 0 ? [options.Port, options.InsecurePort] : [options.Port];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Refusal(context) is { } refused)
        {
            await Responses.ErrorAsync(context, refused);
            return;
        }

        await next(context);
    }

    private ApiException? Refusal(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var port = context.Connection.LocalPort;
        if (!apiPorts.Contains(port))
        {
            return HealthPaths.Contains(path) ? null : NotFound();
        }

        if (RawPath.DotSegment(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path) is { } segment)
        {
            return ApiException.BadRequest($"invalid resource name \"{segment}\": [may not be '{segment}']");
        }

        if (PublicPaths.Contains(path))
        {
            return null;
        }

        if (!(port == options.InsecurePort || HasAdminToken(context.Request)))
        {
            return new ApiException(401, "Unauthorized", "Unauthorized");
        }

        if (context.Request.Headers.Keys.FirstOrDefault(h => h.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase)) is { } header)
        {
            return new ApiException(403, "Forbidden",
                $"impersonation is not supported by this server yet (header {header}); the request was not carried out");
        }

        return null;
    }

    /// <summary>An <c>Authorization: Bearer</c> header with the admin token; the scheme's case does not matter, as in Kubernetes.</summary>
    private bool HasAdminToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.Length > scheme.Length && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(credentials.Token));
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
