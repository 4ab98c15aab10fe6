namespace OrleansCluster.Runtime.Docker;

internal static class ImageReference
{
    /// <summary>"registry:5000/a/b:1" → ("registry:5000/a/b", "1"); no tag → "latest"; a digest stays in the name.</summary>
    public static (string Name, string Tag) Split(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal)) return (image, "");
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
