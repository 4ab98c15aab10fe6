using System.Text.Json.Nodes;
using OrleansCluster.Abstractions;

namespace OrleansCluster.Gateway.Handlers;

/// <summary>
/// The <c>dryRun</c> option of a write (query parameter, or a DeleteOptions member): absent, or <c>All</c> (check
/// everything, store nothing). Anything else is refused before the write is looked at, as Kubernetes' option
/// validation does: 422 Invalid on the options kind (<c>CreateOptions</c>, <c>UpdateOptions</c>, <c>PatchOptions</c>,
/// <c>DeleteOptions</c>), field <c>dryRun</c>.
/// </summary>
internal static class DryRunOption
{
    public const string All = "All";

    /// <summary>Whether the request asks for a dry run; every <c>dryRun</c> query value must be <c>All</c>.</summary>
    public static bool Of(ApiRequest request, string optionsKind) =>
        request.Http.Query.TryGetValue("dryRun", out var values) && Check(values.Select(v => v ?? ""), optionsKind);

    /// <summary>The <c>dryRun</c> member of a DeleteOptions body: null when absent, else whether it is <c>["All"]</c>.</summary>
    public static bool? OfDeleteOptions(JsonObject options) => options["dryRun"] switch
    {
        null => null,
        JsonArray values => Check(values.Select(v => v?.GetValue<string>() ?? ""), "DeleteOptions"),
        _ => throw ApiException.BadRequest("invalid DeleteOptions: dryRun must be a list of strings"),
    };

    private static bool Check(IEnumerable<string> values, string optionsKind)
    {
        var any = false;
        foreach (var value in values)
        {
            if (value != All)
            {
                throw ApiException.Invalid($"{optionsKind}.meta.k8s.io", optionsKind, "",
                    [new ApiCause("FieldValueNotSupported", "dryRun", $"Unsupported value: \"{value}\": supported values: \"{All}\"")]);
            }

            any = true;
        }

        return any;
    }
}
