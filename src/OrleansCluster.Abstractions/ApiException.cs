namespace OrleansCluster.Abstractions;

/// <summary>One cause of an API error, as a Kubernetes <c>StatusCause</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiCause([property: Id(0)] string Reason, [property: Id(1)] string Field, [property: Id(2)] string Message);

/// <summary>
/// An error the API reports to its caller, carrying what a Kubernetes <c>metav1.Status</c> carries:
/// the HTTP code, the machine-readable reason (<c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>,
/// <c>Invalid</c>, <c>Expired</c>, ...), the message, what it is about, and the causes.
/// Whatever raised it changed nothing, except a 503 or 504 (the store or a silo was unavailable, or the call timed
/// out): such a request's outcome is unknown, and the caller retries after <see cref="RetryAfterSeconds"/>.
/// </summary>
[GenerateSerializer]
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, string? kind = null, string? name = null,
        IReadOnlyList<ApiCause>? causes = null, int? retryAfterSeconds = null)
        : base(message)
    {
        RetryAfterSeconds = retryAfterSeconds;
        Code = code;
        Reason = reason;
        Kind = kind;
        Name = name;
        Causes = causes ?? [];
    }

    /// <summary>The HTTP status code: 400, 403, 404, 409, 410, 413, 422, ...</summary>
    [Id(0)]
    public int Code { get; }

    /// <summary>The <c>metav1.StatusReason</c>.</summary>
    [Id(1)]
    public string Reason { get; }

    /// <summary>The resource (plural) the error is about, as <c>details.kind</c>.</summary>
    [Id(2)]
    public string? Kind { get; }

    /// <summary>The object's name, as <c>details.name</c>.</summary>
    [Id(3)]
    public string? Name { get; }

    [Id(4)]
    public IReadOnlyList<ApiCause> Causes { get; }

    /// <summary>When to try again, as <c>details.retryAfterSeconds</c> and the <c>Retry-After</c> header.</summary>
    [Id(5)]
    public int? RetryAfterSeconds { get; }

    public static ApiException NotFound(string resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found", resource, name);

    public static ApiException AlreadyExists(string resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists", resource, name);

    public static ApiException Conflict(string resource, string name, string detail) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {resource} \"{name}\": {detail}", resource, name);

    public static ApiException Invalid(string kind, string resource, string name, IReadOnlyList<ApiCause> causes) =>
        new(422, "Invalid",
            $"{kind} \"{name}\" is invalid: " + string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}")),
            resource, name, causes);

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Forbidden(string resource, string name, string detail) =>
        new(403, "Forbidden", $"{resource} \"{name}\" is forbidden: {detail}", resource, name);

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException TooLarge(string message) => new(413, "RequestEntityTooLarge", message);

    /// <summary>
    /// The store or the silo serving the call could not be reached (503 <c>ServiceUnavailable</c>); the outcome of a
    /// write is unknown.
    /// </summary>
    public static ApiException Unavailable(string message, int retryAfterSeconds = 1) =>
        new(503, "ServiceUnavailable", message, retryAfterSeconds: retryAfterSeconds);

    /// <summary>The call did not finish in time (504 <c>Timeout</c>); it may still complete.</summary>
    public static ApiException Timeout(string message) =>
        new(504, "Timeout", message, retryAfterSeconds: 1);

    /// <summary>An unexpected failure (500 <c>InternalError</c>).</summary>
    public static ApiException Internal(string message) => new(500, "InternalError", message);
}
