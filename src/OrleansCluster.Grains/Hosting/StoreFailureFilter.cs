using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Store;

namespace OrleansCluster.Grains.Hosting;

/// <summary>
/// The grain boundary for store failures: a call that failed because PostgreSQL could not be reached answers
/// 503 <c>ServiceUnavailable</c> (an <see cref="ApiException"/>, which crosses silos and reaches clients), and any other
/// driver failure 500 <c>InternalError</c>; the driver's own exceptions have no codec and never leave the silo.
/// Grains keep their rules: an object grain whose write failed has already deactivated itself (its outcome is unknown).
/// </summary>
internal sealed partial class StoreFailureFilter(ILogger<StoreFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (Translate(e) is { } api)
        {
            LogStoreFailure(logger, context.InterfaceMethod?.Name ?? "?", context.TargetId.ToString(), api.Code, e);
            throw api;
        }
    }

    /// <summary>The API error a store failure is answered with; null when <paramref name="exception"/> is not one.</summary>
    public static ApiException? Translate(Exception exception) =>
        exception is ApiException ? null : StoreFailures.Find(exception) switch
        {
            null => null,
            { IsTransient: true } e => ApiException.Unavailable($"the store is unavailable: {e.Message}"),
            var e => ApiException.Internal($"the store failed: {e.Message}"),
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} on {Grain} failed in the store; answered {Code}")]
    private static partial void LogStoreFailure(ILogger logger, string method, string grain, int code, Exception exception);
}
