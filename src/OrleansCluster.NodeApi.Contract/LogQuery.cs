using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace OrleansCluster.NodeApi;

/// <summary>
/// Kubernetes' <c>PodLogOptions</c> as query parameters (<c>follow</c>, <c>previous</c>, <c>sinceSeconds</c>,
/// <c>sinceTime</c>, <c>timestamps</c>, <c>tailLines</c>, <c>limitBytes</c>), validated as the API server does.
/// The gateway checks them before it calls the node; the node checks them again since it trusts no caller's input.
/// <see cref="Tail"/> is <c>tailLines</c> capped at <see cref="int.MaxValue"/>; <see cref="Since"/> is <c>sinceTime</c>, or
/// <c>sinceSeconds</c> before now.
/// </summary>
public sealed record LogQuery(bool Follow, bool Timestamps, int? Tail, DateTimeOffset? Since, bool Previous, long? LimitBytes)
{
    public static LogQuery Parse(IQueryCollection query, DateTimeOffset now)
    {
        var sinceSeconds = Integer(query, "sinceSeconds");
        var sinceTime = Time(query, "sinceTime");
        var tail = Integer(query, "tailLines");
        var limit = Integer(query, "limitBytes");
        if (sinceSeconds is not null && sinceTime is not null)
        {
            throw NodeApiException.BadRequest("at most one of `sinceTime` or `sinceSeconds` may be specified");
        }

        Require(sinceSeconds is null or > 0, "sinceSeconds", sinceSeconds, "must be greater than 0");
        Require(tail is null or >= 0, "tailLines", tail, "must be greater than or equal to 0");
        Require(limit is null or > 0, "limitBytes", limit, "must be greater than 0");
        return new LogQuery(
            Follow: QueryFlags.Get(query, "follow"),
            Timestamps: QueryFlags.Get(query, "timestamps"),
            Tail: tail is null ? null : (int)Math.Min(tail.Value, int.MaxValue),
            Since: sinceTime ?? (sinceSeconds is { } seconds ? now.AddSeconds(-seconds) : null),
            Previous: QueryFlags.Get(query, "previous"),
            LimitBytes: limit);
    }

    private delegate bool Parser<T>(string text, out T value);

    private static long? Integer(IQueryCollection query, string name) => Read<long>(query, name, "an integer",
        (string text, out long value) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));

    private static DateTimeOffset? Time(IQueryCollection query, string name) => Read<DateTimeOffset>(query, name, "an RFC 3339 time",
        (string text, out DateTimeOffset value) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value));

    private static T? Read<T>(IQueryCollection query, string name, string what, Parser<T> parse)
        where T : struct
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return parse(text, out var value) ? value : throw NodeApiException.BadRequest($"{name}: Invalid value: \"{text}\": not {what}");
    }

    private static void Require(bool valid, string name, long? value, string rule)
    {
        if (!valid)
        {
            throw NodeApiException.BadRequest($"{name}: Invalid value: {value}: {rule}");
        }
    }
}
