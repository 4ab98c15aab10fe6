namespace OrleansCluster.Core.Validation;

/// <summary>
/// One reason an object is invalid, shaped like a Kubernetes <c>StatusCause</c>:
/// <paramref name="Reason"/> is the cause type (<c>FieldValueRequired</c>, <c>FieldValueInvalid</c>, ...),
/// <paramref name="Field"/> the JSON path (<c>metadata.name</c>, <c>spec.containers[0].image</c>).
/// </summary>
public sealed record FieldError(string Reason, string Field, string Message)
{
    public static FieldError Required(string field, string detail = "") =>
        new("FieldValueRequired", field, Join("Required value", detail));

    public static FieldError Invalid(string field, object? value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {Quote(value)}: {detail}");

    public static FieldError NotSupported(string field, object? value, IEnumerable<string> allowed) =>
        new("FieldValueNotSupported", field,
            $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");

    public static FieldError Duplicate(string field, object? value) =>
        new("FieldValueDuplicate", field, $"Duplicate value: {Quote(value)}");

    public static FieldError Forbidden(string field, string detail) =>
        new("FieldValueForbidden", field, Join("Forbidden", detail));

    public static FieldError TooLong(string field, int max) =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {max} bytes");

    /// <summary>The text Kubernetes prints for this cause: <c>metadata.name: Required value</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";

    private static string Join(string head, string detail) => detail.Length == 0 ? head : $"{head}: {detail}";

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };
}
