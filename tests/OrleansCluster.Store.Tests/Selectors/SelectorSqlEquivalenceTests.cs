using Npgsql;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Queries;

namespace OrleansCluster.Store.Tests.Selectors;

/// <summary>
/// The SQL translation must select exactly the rows the in-memory matcher accepts, whether PostgreSQL
/// scans the table or answers from the GIN indexes.
/// </summary>
public sealed class SelectorSqlEquivalenceTests(SelectorProbeTable table) : IClassFixture<SelectorProbeTable>
{
    private static readonly string[] LabelTexts =
    [
        "", "app=web", "app==web", "app!=web", "app=", "app!=", "app in (web,db)", "app in (web)",
        "app notin (web,db)", "app notin (web)", "app in ()", "app notin ()", "app", "!app", "app,!tier",
        "app=web,tier=fe", "app=web,tier!=fe", "app=web,app=db", "app=web,app!=db", "app=web,app=web",
        "tier in (fe,be),env notin (prod)", "tier in (,fe)", "example.com/owner", "example.com/owner=alice",
        "example.com/owner notin (alice)", "env", "!env", "env=", "rank>5", "rank<10", "rank>4", "rank<6,rank>4",
        "gpu=true,app in (api)", "in=notin", "in", "tier notin (fe),!gpu,app!=db",
    ];

    public static TheoryData<string> LabelSelectors => new(LabelTexts);

    public static TheoryData<string> FieldSelectors => new()
    {
        "", "spec.nodeName=n1", "spec.nodeName=", "spec.nodeName!=", "spec.nodeName!=n1", "status.podIP=",
        "status.podIP!=", "status.podIP!=10.0.0.3", "metadata.name=obj-3", @"metadata.name=o'brien\,x\=y\\z",
        "status.phase=Running,spec.nodeName!=n2", "status.phase==Pending,status.phase!=Pending",
        "metadata.name!=obj-1,metadata.name!=obj-2", "spec.nodeName=n1,spec.nodeName=n2",
    };

    public static TheoryData<string, string> Combined => new()
    {
        { "app=web", "spec.nodeName=n1" },
        { "app notin (db)", "status.podIP=" },
        { "!tier", "status.phase!=Running,spec.nodeName=" },
        { "rank>1", "metadata.name!=obj-14" },
    };

    [Theory]
    [MemberData(nameof(LabelSelectors))]
    public Task Label_selectors_select_what_Matches_accepts(string selector) =>
        AssertEquivalentAsync(selector, "");

    [Theory]
    [MemberData(nameof(FieldSelectors))]
    public Task Field_selectors_select_what_Matches_accepts(string selector) =>
        AssertEquivalentAsync("", selector);

    [Theory]
    [MemberData(nameof(Combined))]
    public Task Combined_selectors_select_what_Matches_accepts(string labels, string fields) =>
        AssertEquivalentAsync(labels, fields);

    [Fact]
    public async Task A_null_metav1_selector_selects_no_row()
    {
        Assert.Empty(await SelectAsync(LabelSelector.Nothing, FieldSelector.Everything, indexOnly: false));
    }

    [Fact]
    public void The_rows_tell_the_selectors_apart()
    {
        var outcomes = LabelTexts
            .Select(text => string.Join(",", table.Rows.Where(r => LabelSelector.Parse(text).Matches(r.Labels)).Select(r => r.Id)))
            .ToHashSet();

        Assert.True(outcomes.Count >= 25, $"only {outcomes.Count} distinct outcomes");
    }

    [Theory]
    [InlineData("app=web,tier=fe", "probe_labels")]
    [InlineData("app in (web,db)", "probe_labels")]
    [InlineData("app=web,!tier", "probe_labels")]
    public async Task Equality_and_in_can_use_the_gin_index(string selector, string index)
    {
        var (where, parameters) = SelectorSql.Where(LabelSelector.Parse(selector), FieldSelector.Everything);

        var plan = await QueryAsync($"EXPLAIN SELECT id FROM probe WHERE {where}", parameters, indexOnly: true, r => r.GetString(0));

        Assert.Contains(plan, line => line.Contains($"Bitmap Index Scan on {index}", StringComparison.Ordinal));
    }

    private async Task AssertEquivalentAsync(string labelText, string fieldText)
    {
        var labels = LabelSelector.Parse(labelText);
        var fields = FieldSelector.Parse(fieldText);
        var expected = table.Rows.Where(r => labels.Matches(r.Labels) && fields.Matches(r.Fields)).Select(r => r.Id).ToList();

        Assert.Equal(expected, await SelectAsync(labels, fields, indexOnly: false));
        Assert.Equal(expected, await SelectAsync(labels, fields, indexOnly: true));
    }

    private Task<List<int>> SelectAsync(LabelSelector labels, FieldSelector fields, bool indexOnly)
    {
        var (where, parameters) = SelectorSql.Where(labels, fields);
        return QueryAsync($"SELECT id FROM probe WHERE {where} ORDER BY id", parameters, indexOnly, r => r.GetInt32(0));
    }

    private async Task<List<T>> QueryAsync<T>(
        string sql, IReadOnlyList<NpgsqlParameter> parameters, bool indexOnly, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(table.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Discouraging sequential scans makes the planner use the GIN indexes wherever the fragment allows.
        await using (var set = new NpgsqlCommand($"SET LOCAL enable_seqscan = {(indexOnly ? "off" : "on")}", connection, transaction))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters.ToArray());
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
