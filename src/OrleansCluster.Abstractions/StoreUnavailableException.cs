namespace OrleansCluster.Abstractions;

/// <summary>
/// The store (PostgreSQL) could not be reached or did not answer in time. Grains raise it in place of the driver's
/// exception, which has no codec and cannot cross silos; it is an <see cref="OrleansException"/> so that Orleans'
/// storage layer passes it on unwrapped (also when an activation fails reading its state). The gateway answers it with
/// 503 <c>ServiceUnavailable</c> and the client library throws it as that <see cref="ApiException"/>
/// (<see cref="ToApiException"/>). A write that failed with it has an unknown outcome.
/// </summary>
[GenerateSerializer]
public sealed class StoreUnavailableException(string message) : OrleansException(message)
{
    /// <summary>Seconds a caller is asked to wait before retrying: the store probe's period.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>The API error callers see: 503 <c>ServiceUnavailable</c> with <see cref="RetryAfterSeconds"/>.</summary>
    public ApiException ToApiException() => ApiException.Unavailable(Message, RetryAfterSeconds);
}
