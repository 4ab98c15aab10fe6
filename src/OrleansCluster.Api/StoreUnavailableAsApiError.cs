using System.Runtime.CompilerServices;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Api;

/// <summary>
/// Callers of the client library see every API failure as an <see cref="ApiException"/>: the cluster's
/// <see cref="StoreUnavailableException"/> (its store could not be reached) becomes 503 <c>ServiceUnavailable</c>, for
/// calls here and for streamed answers (lists, watches) through <see cref="Translate{T}"/>, which no call filter sees.
/// </summary>
internal sealed class StoreUnavailableAsApiError : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (StoreUnavailableException e)
        {
            throw e.ToApiException();
        }
    }

    /// <summary><paramref name="items"/>, with the store's unavailability while enumerating them thrown as the API error.</summary>
    public static async IAsyncEnumerable<T> Translate<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken ct = default)
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
            catch (StoreUnavailableException e)
            {
                throw e.ToApiException();
            }

            yield return enumerator.Current;
        }
    }
}
