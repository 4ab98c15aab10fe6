using System.Net.Sockets;
using Npgsql;
using OrleansCluster.Abstractions;
using OrleansCluster.Grains.Hosting;

namespace OrleansCluster.Grains.Tests;

/// <summary>What leaves a grain when the store fails: our API error, never the driver's exception.</summary>
public sealed class StoreFailureTests
{
    public static TheoryData<Exception, int?> Failures => new()
    {
        { new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException(111)), 503 },
        { new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), 503 },
        { new NpgsqlException("The operation has timed out", new TimeoutException()), 503 },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), 503 },
        { new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), 503 },
        { new OrleansException("Error from storage provider", new NpgsqlException("refused", new SocketException(111))), 503 },
        { new PostgresException("relation \"kube_objects\" does not exist", "ERROR", "ERROR", "42P01"), 500 },
        { ApiException.Conflict("pods", "web", "stale"), null },
        { new StoreUnavailableException("already ours"), null },
        { new InvalidOperationException("not the store's"), null },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_store_failure_leaves_the_grain_as_an_API_error(Exception failure, int? code)
    {
        var api = StoreFailureTranslation.Translate(failure) switch
        {
            StoreUnavailableException e => e.ToApiException(),
            var e => (ApiException?)e,
        };

        Assert.Equal(code, api?.Code);
        if (api is not null)
        {
            Assert.Equal(code == 503 ? "ServiceUnavailable" : "InternalError", api.Reason);
            Assert.Equal(code == 503, api.RetryAfterSeconds is > 0);
        }
    }
}
