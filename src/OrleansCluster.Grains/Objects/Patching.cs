using OrleansCluster.Abstractions;
using OrleansCluster.Core.Objects;
using OrleansCluster.Core.Patching;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.Grains.Objects;

/// <summary>Applies a patch of any kind to an object's JSON; a malformed patch is a 400 (one that does not apply, 422) that changes nothing.</summary>
internal static class Patching
{
    /// <summary>The patched JSON; <paramref name="liveJson"/> is null only for a server-side apply that creates.</summary>
    public static string Patch(ResourceType type, PatchRequest request, string? liveJson)
    {
        try
        {
            return request.Kind switch
            {
                PatchKind.Merge => MergePatch.Apply(liveJson!, request.Body),
                PatchKind.Strategic => StrategicMergePatch.Apply(type.Kind, liveJson!, request.Body),
                PatchKind.Json => JsonPatch.Apply(liveJson!, request.Body),
                _ => ServerSideApply.Apply(type.Kind, liveJson, request.Body),
            };
        }
        catch (PatchNotApplicableException e)
        {
            // As the API server's patch handler: a patch that decodes but does not apply is 422 Invalid.
            throw new ApiException(422, "Invalid", e.Message);
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    }
}
