using Microsoft.AspNetCore.Connections;
using Orleans.Runtime.Messaging;

namespace OrleansCluster.Client.Security;

/// <summary>
/// Connecting to the cluster is retried while no gateway answers (the cluster may be starting), but not when the
/// gateways keep closing the connection during its set-up, which is how a TLS handshake between sides that do not
/// trust each other's certificates ends: that never heals by waiting, so the start ends with a
/// <see cref="ClusterTrustException"/> that says what to check.
/// </summary>
internal sealed class TrustRefusalFilter(string? pkiDirectory) : IClientConnectionRetryFilter
{
    /// <summary>Closed this many times in a row (half a second apart and more), the gateways are refusing us, not restarting.</summary>
    private const int ClosedAttempts = 3;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);
    private int closedInARow;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        closedInARow = Classify(exception) switch
        {
            Failure.ClosedDuringSetup => closedInARow + 1,
            // Orleans' own back-off between attempts to one endpoint: no news either way.
            Failure.BackingOff => closedInARow,
            _ => 0,
        };
        if (closedInARow >= ClosedAttempts)
        {
            var credential = pkiDirectory is null
                ? "TLS is off in this client (ClusterConnection.InsecureWithoutTls)"
                : $"is {Path.GetFullPath(pkiDirectory)} (client.crt, client.key, ca.crt) the PKI folder of the cluster the connection string points to";
            throw new ClusterTrustException(
                "The cluster's gateways closed every connection during its TLS set-up: silos accept only clients with a certificate " +
                $"from their cluster CA, and the client only silos whose certificate chains to the CA in its ca.crt. Check: {credential}.",
                exception);
        }

        await Task.Delay(Pause, cancellationToken);
        return true;
    }

    private static Failure Classify(Exception exception)
    {
        var innermost = exception;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConnectionAbortedException or InvalidOperationException { Message: "Connection terminated prematurely" })
            {
                return Failure.ClosedDuringSetup;
            }

            innermost = e;
        }

        return innermost is ConnectionFailedException && innermost.Message.Contains("will retry after", StringComparison.Ordinal)
            ? Failure.BackingOff
            : Failure.Other;
    }

    private enum Failure
    {
        ClosedDuringSetup,
        BackingOff,
        Other,
    }
}

/// <summary>The client and the cluster do not trust each other's certificates: check the client credential's folder.</summary>
public sealed class ClusterTrustException(string message, Exception inner) : Exception(message, inner);
