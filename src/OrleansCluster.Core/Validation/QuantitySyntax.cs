using System.Text.RegularExpressions;
using k8s.Models;

namespace OrleansCluster.Core.Validation;

/// <summary>
/// Parsing of resource quantities from text. <see cref="ResourceQuantity"/>'s constructor throws on bad
/// input and accepts some text Kubernetes refuses, so the grammar is checked first.
/// </summary>
public static partial class QuantitySyntax
{
    public const string Format = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

    public const string Message = "quantities must match the regular expression '" + Format + "'";

    public static bool TryParse(string? text, out ResourceQuantity? quantity)
    {
        quantity = null;
        if (text is null || !Grammar().IsMatch(text) || text.Count(c => c == '.') > 1)
        {
            return false;
        }

        try
        {
            quantity = new ResourceQuantity(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    [GeneratedRegex("\\A([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?\\z")]
    private static partial Regex Grammar();
}
