using Npgsql;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Example.Tests;

/// <summary>The README's client example, run as a user runs it: through the client library, against a silo.</summary>
public sealed class ExampleRunTests(SiloFixture cluster) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_example_sees_its_changes_and_leaves_nothing_behind()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = new StringWriter();

        var result = await ExampleRun.RunAsync(cluster.ConnectionString, cluster.PkiDirectory, output, timeout.Token);

        var printed = output.ToString();
        Assert.Contains($"created namespace {result.Namespace}", printed, StringComparison.Ordinal);
        Assert.Contains("listed 1 pod(s) with app=web", printed, StringComparison.Ordinal);

        // The store's log holds the pod's whole life; the watch saw exactly what followed the list, at the same revisions.
        var log = await PodLogAsync(result.Namespace);
        Assert.Equal(["A", "M", "D"], log.Select(e => e.Event));
        Assert.Equal(
        [
            $"MODIFIED pod web labels app=web,tier=frontend resourceVersion {log[1].Revision}",
            $"DELETED pod web labels app=web,tier=frontend resourceVersion {log[2].Revision}",
        ], result.WatchEvents);

        // The namespace controller empties the deleted namespace (the service goes), then removes it.
        await Eventually.True(async () => await CountAsync("namespace = $1", result.Namespace) == 0, Patience, "the namespace's objects are gone");
        await Eventually.True(async () => await CountAsync("resource = 'namespaces' AND name = $1", result.Namespace) == 0, Patience, "the namespace is gone");
    }

    private async Task<List<(string Event, long Revision)>> PodLogAsync(string ns)
    {
        await using var source = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var cmd = source.CreateCommand(
            "SELECT event::text, revision FROM kube_log WHERE resource = 'pods' AND namespace = $1 ORDER BY revision");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ns });
        await using var reader = await cmd.ExecuteReaderAsync();
        var entries = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            entries.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return entries;
    }

    private async Task<long> CountAsync(string where, string value)
    {
        await using var source = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var cmd = source.CreateCommand($"SELECT count(*) FROM kube_objects WHERE {where}");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
