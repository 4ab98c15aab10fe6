namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>One secondary index of an informer's cache: index value → the names of the objects that have it.</summary>
internal sealed class Index(Func<object, IEnumerable<string>> valuesOf)
{
    private readonly Dictionary<string, HashSet<ObjectName>> entries = new(StringComparer.Ordinal);

    public void Add(object obj, ObjectName name)
    {
        foreach (var value in valuesOf(obj))
        {
            if (!entries.TryGetValue(value, out var names))
            {
                entries[value] = names = [];
            }

            names.Add(name);
        }
    }

    public void Remove(object obj, ObjectName name)
    {
        foreach (var value in valuesOf(obj))
        {
            if (entries.TryGetValue(value, out var names) && names.Remove(name) && names.Count == 0)
            {
                entries.Remove(value);
            }
        }
    }

    public IReadOnlyCollection<ObjectName> Get(string value) =>
        entries.TryGetValue(value, out var names) ? names : [];

    public void Clear() => entries.Clear();
}
