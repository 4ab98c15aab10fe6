using System.Text;
using System.Text.RegularExpressions;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Qualified names (label keys, annotation keys, finalizers, taint keys) and label values,
/// plus the metadata map checks built on them.
/// </summary>
public static partial class LabelSyntax
{
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;

    /// <summary>256 KiB: the most that all keys and values of one object's annotations may hold together.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";

    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', " +
        "and must start and end with an alphanumeric character";

    /// <summary>An optional DNS-1123 subdomain prefix and '/', then a name part of at most 63 characters.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(NameSyntax.IsDns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                }

                break;
            default:
                return
                [
                    "a qualified name " + NameRegexMessage() +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                ];
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > QualifiedNameMaxLength)
        {
            errors.Add("name part " + NameSyntax.MaxLengthMessage(QualifiedNameMaxLength));
        }

        if (!QualifiedNamePart().IsMatch(name))
        {
            errors.Add("name part " + NameRegexMessage());
        }

        return errors;
    }

    public static IReadOnlyList<string> IsLabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelValueMaxLength)
        {
            errors.Add(NameSyntax.MaxLengthMessage(LabelValueMaxLength));
        }

        if (!LabelValue().IsMatch(value))
        {
            errors.Add(NameSyntax.RegexMessage(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>Every key must be a qualified name and every value a label value; errors name the map, as Kubernetes does.</summary>
    public static IEnumerable<FieldError> ValidateLabels(IDictionary<string, string>? labels, string field)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            foreach (var message in IsQualifiedName(key))
            {
                yield return FieldError.Invalid(field, key, message);
            }

            foreach (var message in IsLabelValue(value ?? ""))
            {
                yield return FieldError.Invalid(field, value, message);
            }
        }
    }

    /// <summary>Keys are qualified names compared case-insensitively; keys and values together stay within 256 KiB.</summary>
    public static IEnumerable<FieldError> ValidateAnnotations(IDictionary<string, string>? annotations, string field)
    {
        long total = 0;
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            foreach (var message in IsQualifiedName(key.ToLowerInvariant()))
            {
                yield return FieldError.Invalid(field, key, message);
            }

            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? "");
        }

        if (total > TotalAnnotationSizeLimit)
        {
            yield return FieldError.TooLong(field, TotalAnnotationSizeLimit);
        }
    }

    private static string NameRegexMessage() =>
        NameSyntax.RegexMessage(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc");

    [GeneratedRegex("\\A(?:" + QualifiedNameFormat + ")\\z")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("\\A(?:" + LabelValueFormat + ")\\z")]
    private static partial Regex LabelValue();
}
