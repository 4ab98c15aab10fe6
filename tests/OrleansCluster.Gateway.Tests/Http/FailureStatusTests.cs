using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansCluster.Abstractions;
using OrleansCluster.Gateway.Handlers;
using OrleansCluster.Gateway.Http;

namespace OrleansCluster.Gateway.Tests.Http;

/// <summary>What a client sees when a request fails: always a Status, with the code and reason for the failure.</summary>
public sealed class FailureStatusTests
{
    public static TheoryData<Exception, int, string, bool> Failures => new()
    {
        { ApiException.NotFound("pods", "web"), 404, "NotFound", false },
        { new StoreUnavailableException("the store is unavailable: connection refused"), 503, "ServiceUnavailable", true },
        { new OrleansException("Error from storage provider", new StoreUnavailableException("refused")), 503, "ServiceUnavailable", true },
        { new OrleansException("Error from storage provider", ApiException.Conflict("pods", "web", "stale")), 409, "Conflict", false },
        { new TimeoutException("Response did not arrive on time"), 504, "Timeout", true },
        { new SiloUnavailableException("silo S127.0.0.1:11111 is dead"), 503, "ServiceUnavailable", true },
        { new ConnectionFailedException("connection to 127.0.0.1:11111 failed"), 503, "ServiceUnavailable", true },
        { new GatewayTooBusyException(), 503, "ServiceUnavailable", true },
        { new InvalidOperationException("boom"), 500, "InternalError", false },
        { new SocketException(111), 500, "InternalError", false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Every_failure_is_answered_as_a_Status_with_its_code_and_reason(Exception failure, int code, string reason, bool retryAfter)
    {
        var context = NewContext();

        await ResourceEndpoints.GuardAsync(context, () => throw failure);

        Assert.Equal(code, context.Response.StatusCode);
        var status = Body(context);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal(reason, (string?)status["reason"]);
        Assert.Equal(code, (int?)status["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)status["message"]));
        Assert.Equal(retryAfter, context.Response.Headers.RetryAfter.Count > 0);
        if (retryAfter)
        {
            Assert.Equal((string?)context.Response.Headers.RetryAfter, status["details"]!["retryAfterSeconds"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task An_unexpected_failure_names_its_type_and_message()
    {
        var context = NewContext();

        await ResourceEndpoints.GuardAsync(context, () => throw new InvalidOperationException("the widget broke"));

        Assert.Contains("InvalidOperationException: the widget broke", (string?)Body(context)["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_left_gets_nothing_written()
    {
        var context = NewContext();
        using var aborted = new CancellationTokenSource();
        context.RequestAborted = aborted.Token;
        await aborted.CancelAsync();

        await ResourceEndpoints.GuardAsync(context, () => throw new OperationCanceledException(aborted.Token));

        Assert.Equal(0, context.Response.Body.Length);
    }

    private static DefaultHttpContext NewContext() =>
        new() { Response = { Body = new MemoryStream() }, RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };

    private static JsonNode Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonNode.Parse(context.Response.Body)!;
    }
}
