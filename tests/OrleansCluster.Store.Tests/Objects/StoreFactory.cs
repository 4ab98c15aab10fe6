using System.Text.Json;
using Npgsql;
using OrleansCluster.Store.Objects;

namespace OrleansCluster.Store.Tests.Objects;

/// <summary>The store's pieces over one test database, and small builders for writes.</summary>
internal sealed class StoreFactory : IAsyncDisposable
{
    public StoreFactory(string connectionString)
    {
        DataSource = NpgsqlDataSource.Create(StoreConnectionString.Tune(connectionString));
        Store = new ObjectStore(DataSource);
        Log = new RevisionLog(DataSource);
        Tailer = new LogTailer(DataSource, Log);
        Watch = new ObjectWatch(Log, Tailer);
    }

    public NpgsqlDataSource DataSource { get; }

    public ObjectStore Store { get; }

    public RevisionLog Log { get; }

    public LogTailer Tailer { get; }

    public ObjectWatch Watch { get; }

    public static ObjectKey Pod(string ns, string name) => new("pods", ns, name);

    /// <summary>A write of a minimal pod body with the given labels and a payload field to tell versions apart.</summary>
    public static ObjectWrite PodWrite(ObjectKey key, long expected, string payload, IReadOnlyDictionary<string, string>? labels = null)
    {
        labels ??= new Dictionary<string, string>();
        var body = new
        {
            apiVersion = "v1",
            kind = "Pod",
            metadata = new { name = key.Name, @namespace = key.Namespace, labels },
            spec = new { nodeName = payload },
        };
        var fields = new Dictionary<string, string>
        {
            ["metadata.name"] = key.Name,
            ["metadata.namespace"] = key.Namespace,
            ["spec.nodeName"] = payload,
        };
        return new ObjectWrite(key, Guid.NewGuid(), expected, JsonSerializer.Serialize(labels),
            JsonSerializer.Serialize(fields), JsonSerializer.Serialize(body));
    }

    public static string PayloadOf(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("spec").GetProperty("nodeName").GetString()!;

    public static string ResourceVersionOf(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await Tailer.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
