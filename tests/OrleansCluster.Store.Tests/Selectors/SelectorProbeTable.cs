using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using OrleansCluster.TestSupport;

namespace OrleansCluster.Store.Tests.Selectors;

/// <summary>
/// A table shaped like the objects table's selector columns, filled with label and field sets chosen to
/// sit on the edges of selector semantics (empty values, missing keys, integers, prefixed keys, escapes).
/// </summary>
public sealed class SelectorProbeTable : IAsyncLifetime
{
    public IReadOnlyList<ProbeRow> Rows { get; } = BuildRows();

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateEmptyDatabaseAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            """
            CREATE TABLE probe (id int PRIMARY KEY, labels jsonb NOT NULL, fields jsonb NOT NULL);
            CREATE INDEX probe_labels ON probe USING gin (labels jsonb_path_ops);
            CREATE INDEX probe_fields ON probe USING gin (fields jsonb_path_ops);
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        foreach (var row in Rows)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO probe VALUES (@id, @labels, @fields)", connection);
            insert.Parameters.AddWithValue("id", row.Id);
            insert.Parameters.AddWithValue("labels", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(row.Labels));
            insert.Parameters.AddWithValue("fields", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(row.Fields));
            await insert.ExecuteNonQueryAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<ProbeRow> BuildRows()
    {
        string[] labelSets =
        [
            "", "app=web", "app=web;tier=fe", "app=web;tier=be", "app=db;tier=be", "app=db;env=prod",
            "app=web;env=prod;tier=fe", "app=web;env=staging", "env=", "tier=", "app=;tier=fe",
            "example.com/owner=alice;app=web", "example.com/owner=bob", "rank=5", "rank=10", "rank=005", "rank=x",
            "rank=99999999999999999999", "gpu=true;app=api", "app=api;tier=fe;env=prod", "in=notin",
        ];
        string[] nodes = ["n1", "n2", ""];
        string[] phases = ["Running", "Pending", ""];

        return labelSets.Select((labels, i) =>
        {
            var fields = new Dictionary<string, string>
            {
                ["metadata.name"] = i == 7 ? @"o'brien,x=y\z" : $"obj-{i}",
                ["spec.nodeName"] = nodes[i % 3],
                ["status.phase"] = phases[i / 3 % 3],
            };
            // Some rows lack a field altogether, which must read as the empty string.
            if (i % 5 != 0)
            {
                fields["status.podIP"] = i % 2 == 0 ? "" : $"10.0.0.{i}";
            }

            return new ProbeRow(i, Parse(labels), fields);
        }).ToList();
    }

    private static Dictionary<string, string> Parse(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
}

public sealed record ProbeRow(int Id, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Fields);
