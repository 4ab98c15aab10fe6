using System.Text;

namespace OrleansCluster.Core.FieldValidation;

/// <summary>Parsing of the query parameter and the texts Kubernetes answers with, so the gateway only does HTTP.</summary>
public static class FieldValidationText
{
    /// <summary>The values Kubernetes accepts, in the order its error message lists them.</summary>
    public static readonly IReadOnlyList<string> SupportedValues = ["", "Ignore", "Strict", "Warn"];

    /// <summary>
    /// Reads the parameter. Absent or empty means <see cref="FieldValidationMode.Warn"/>; matching is case-sensitive,
    /// as in Kubernetes. Returns false for anything else (see <see cref="UnsupportedMessage"/>).
    /// </summary>
    public static bool TryParse(string? value, out FieldValidationMode mode)
    {
        (var ok, mode) = value switch
        {
            null or "" or "Warn" => (true, FieldValidationMode.Warn),
            "Ignore" => (true, FieldValidationMode.Ignore),
            "Strict" => (true, FieldValidationMode.Strict),
            _ => (false, FieldValidationMode.Warn),
        };
        return ok;
    }

    /// <summary>The field error for an unsupported value: <c>fieldValidation: Unsupported value: "x": supported values: "", "Ignore", "Strict", "Warn"</c>.</summary>
    public static string UnsupportedMessage(string value) =>
        $"fieldValidation: Unsupported value: \"{value}\": supported values: {string.Join(", ", SupportedValues.Select(v => $"\"{v}\""))}";

    /// <summary>
    /// The message of the Strict 400: <c>strict decoding error: unknown field "spec.foo", duplicate field "metadata.name"</c>.
    /// Kubernetes prefixes it on create and update with <c>Pod in version "v1" cannot be handled as a Pod: </c>;
    /// pass <paramref name="kind"/> and <paramref name="version"/> to get that prefix.
    /// </summary>
    public static string StrictMessage(IEnumerable<FieldIssue> issues, string? kind = null, string? version = null)
    {
        var body = "strict decoding error: " + string.Join(", ", issues.Select(i => i.Message));
        return kind is null || version is null ? body : $"{kind} in version \"{version}\" cannot be handled as a {kind}: {body}";
    }

    /// <summary>One <c>Warning</c> header value per finding: <c>299 - "unknown field \"spec.foo\""</c>.</summary>
    public static IReadOnlyList<string> WarningHeaders(IEnumerable<FieldIssue> issues) =>
        issues.Select(i => WarningHeader(i.Message)).ToList();

    /// <summary>
    /// A <c>299</c> warning header value for <paramref name="text"/>, quoted with backslash escapes. Characters outside
    /// printable ASCII (user-chosen field names can hold anything) become <c>\uXXXX</c>: header values must stay ASCII.
    /// </summary>
    public static string WarningHeader(string text)
    {
        var sb = new StringBuilder("299 - \"", text.Length + 10);
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c is < ' ' or > '~')
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }
}
