using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OrleansCluster.Abstractions;
using OrleansCluster.Store;

namespace OrleansCluster.Grains.Hosting;

/// <summary>
/// The grain boundary for store failures: a call that failed because PostgreSQL could not be reached throws
/// <see cref="StoreUnavailableException"/> (ours: it crosses silos, and the gateway and the client library answer it
/// as 503), and any other driver failure 500 <c>InternalError</c>; the driver's own exceptions have no codec and never
/// leave the silo. Grains keep their rules: an object grain whose write failed has already deactivated itself (its
/// outcome is unknown). Filters do not see the items of a streamed answer, so streaming grains wrap theirs in
/// <see cref="StoreFailureTranslation.TranslateStoreFailures{T}"/>, and the storage provider its read (an activation
/// is no call either).
/// </summary>
internal sealed partial class StoreFailureFilter(ILogger<StoreFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (StoreFailureTranslation.Translate(e) is { } translated)
        {
            LogStoreFailure(logger, context.InterfaceMethod?.Name ?? "?", context.TargetId.ToString(), translated.GetType().Name, e);
            throw translated;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} on {Grain} failed in the store; answered {Answer}")]
    private static partial void LogStoreFailure(ILogger logger, string method, string grain, string answer, Exception exception);
}

/// <summary>What a store failure leaves a grain as (see <see cref="StoreFailureFilter"/>).</summary>
internal static class StoreFailureTranslation
{
    /// <summary>The exception a store failure is raised as; null when <paramref name="exception"/> is not one (or already ours).</summary>
    public static Exception? Translate(Exception exception) =>
        exception is ApiException or StoreUnavailableException ? null : StoreFailures.Find(exception) switch
        {
            null => null,
            { IsTransient: true } e => new StoreUnavailableException($"the store is unavailable: {e.Message}"),
            var e => ApiException.Internal($"the store failed: {e.Message}"),
        };

    /// <summary><paramref name="items"/>, with a store failure while enumerating them translated as a call's would be.</summary>
    public static async IAsyncEnumerable<T> TranslateStoreFailures<T>(
        this IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var enumerator = items.GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception e) when (Translate(e) is { } translated)
            {
                throw translated;
            }

            yield return enumerator.Current;
        }
    }
}
