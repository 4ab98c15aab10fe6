using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Gateway.Http;

/// <summary>
/// The Status every failure of a request is answered with. API errors are their own answer; a timeout is
/// 504 <c>Timeout</c> (the request may still complete); a silo that died or cannot be reached is 503
/// <c>ServiceUnavailable</c> with a <c>Retry-After</c>, as is the store (<see cref="StoreUnavailableException"/>, raised
/// by grains); anything else is 500 <c>InternalError</c> with its message, never an empty body.
/// </summary>
public static class FailureStatus
{
    /// <summary>Seconds a client is asked to wait before retrying after a silo failure: about a membership decision.</summary>
    public const int SiloRetryAfterSeconds = 1;

    public static ApiException For(Exception exception) => exception switch
    {
        ApiException api => api,
        StoreUnavailableException store => store.ToApiException(),
        // Orleans wraps what a grain's storage threw: the cause decides.
        { InnerException: ApiException or StoreUnavailableException } => For(exception.InnerException),
        TimeoutException => ApiException.Timeout("the request timed out; it may still complete"),
        // SiloUnavailableException is a rejection too: the target silo is dead, or the message could not be delivered.
        OrleansMessageRejectionException or ConnectionFailedException or SocketConnectionException or GatewayTooBusyException
            or ClientNotAvailableException =>
            ApiException.Unavailable($"a silo serving the request is unavailable; retry ({exception.GetType().Name}: {exception.Message})", SiloRetryAfterSeconds),
        _ => ApiException.Internal($"Internal error occurred: {exception.GetType().Name}: {exception.Message}"),
    };

    /// <summary>Whether <paramref name="status"/> is an unexpected failure, worth logging with its stack.</summary>
    public static bool IsUnexpected(ApiException status) => status.Code == 500;
}
