namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>
/// A change an informer saw: <see cref="ChangeType.Added"/> has only <see cref="New"/>, <see cref="ChangeType.Deleted"/>
/// only <see cref="Old"/>, <see cref="ChangeType.Modified"/> both. A relist reports what it found different the same way.
/// </summary>
public sealed record InformerEvent<T>(ChangeType Type, T? Old, T? New)
    where T : class
{
    /// <summary>The object as it is now, or as it was last when deleted.</summary>
    public T Object => New ?? Old!;
}
