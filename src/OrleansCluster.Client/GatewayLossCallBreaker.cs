using System.Collections.Concurrent;

namespace OrleansCluster.Client;

/// <summary>
/// Fails calls that are still in flight <see cref="Grace"/> after a gateway connection was lost, instead of letting
/// them wait out the response timeout. Orleans 10.4 does not break a client's pending calls when the gateway that
/// carried them dies, nor calls that a live gateway forwarded to a silo that died (dotnet/orleans#10165): after a
/// SIGKILLed silo such calls hang for the whole <c>ResponseTimeout</c>. A call failed here throws
/// <see cref="SiloUnavailableException"/>; like any transport failure its outcome is unknown, and a retry is routed
/// to live silos.
/// </summary>
internal sealed class GatewayLossCallBreaker : IOutgoingGrainCallFilter, IClusterConnectionStatusObserver
{
    /// <summary>Long enough for calls on healthy routes to finish, short next to the response timeout.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<long, TaskCompletionSource> inFlight = new();
    private long nextCall;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var call = context.Invoke();
        if (call.IsCompleted)
        {
            await call;
            return;
        }

        var id = Interlocked.Increment(ref nextCall);
        var broken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inFlight[id] = broken;
        try
        {
            if (await Task.WhenAny(call, broken.Task) != call)
            {
                call.Ignore();
                throw new SiloUnavailableException(
                    $"The connection to a gateway was lost while {context.InterfaceMethod?.Name} was in flight; its outcome is unknown.");
            }

            await call;
        }
        finally
        {
            inFlight.TryRemove(id, out _);
        }
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways >= previousNumberOfGateways)
        {
            return;
        }

        var pending = inFlight.Values.ToList();
        _ = Task.Delay(Grace).ContinueWith(_ => pending.ForEach(p => p.TrySetResult()), TaskScheduler.Default);
    }

    public void NotifyClusterConnectionLost()
    {
        // The gateway count dropping to zero was notified too.
    }
}
