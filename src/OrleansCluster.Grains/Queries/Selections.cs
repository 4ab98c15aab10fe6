using System.Globalization;
using OrleansCluster.Abstractions;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Grains.Objects;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Grains.Queries;

/// <summary>Turns a <see cref="Selection"/> into the store's terms, rejecting bad selectors as Kubernetes does (400).</summary>
internal static class Selections
{
    public static (ResourceType Type, WatchScope Scope) Resolve(Selection selection)
    {
        var type = ObjectKeys.ResourceOf(selection.Resource);
        try
        {
            var labels = LabelSelector.Parse(selection.LabelSelector);
            var fields = FieldSelector.Parse(selection.FieldSelector);
            fields.Validate(type);
            var ns = type.Namespaced && !string.IsNullOrEmpty(selection.Namespace) ? selection.Namespace : null;
            return (type, new WatchScope(type.QualifiedPlural, ns, labels, fields));
        }
        catch (SelectorParseException e)
        {
            // The API server answers with the parser's reason, without the client-side "couldn't parse" wrapper.
            throw ApiException.BadRequest(e.Reason);
        }
    }

    /// <summary>A resourceVersion from a request: empty means "now"; anything but a revision number is rejected.</summary>
    public static long? ParseRevision(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
        {
            return null;
        }

        return long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw ApiException.BadRequest($"invalid resource version \"{resourceVersion}\"");
    }
}
