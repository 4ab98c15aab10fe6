namespace OrleansCluster.Core.Patching;

/// <summary>
/// A well-formed patch that cannot be applied to this object (a JSON patch whose <c>test</c> fails, or whose path is
/// missing). The API server answers it with 422 Invalid, where a malformed patch is 400.
/// </summary>
public sealed class PatchNotApplicableException(string message, Exception? inner = null) : FormatException(message, inner);
