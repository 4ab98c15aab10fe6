using NpgsqlTypes;
using OrleansCluster.Core.Selectors;
using OrleansCluster.Store.Queries;

namespace OrleansCluster.Store.Tests.Selectors;

public sealed class SelectorSqlShapeTests
{
    [Theory]
    [InlineData("", "", "TRUE")]
    [InlineData("app=web,tier=fe", "", "labels @> @sel_0")]
    [InlineData("app=web,app=db", "", "labels @> @sel_0 AND labels @> @sel_1")]
    [InlineData("app", "", "(labels ? @sel_0)")]
    [InlineData("!app", "", "NOT (labels ? @sel_0)")]
    [InlineData("app!=web", "", "(labels->>@sel_0 IS DISTINCT FROM @sel_1)")]
    [InlineData("app in (a,b)", "", "(labels @> @sel_0 OR labels @> @sel_1)")]
    [InlineData("app notin (a,b)", "", "NOT COALESCE(labels->>@sel_0 = ANY(@sel_1), false)")]
    [InlineData("", "metadata.name=a,spec.nodeName=n1", "fields @> @sel_0")]
    [InlineData("", "spec.nodeName=", "(COALESCE(fields->>@sel_0, '') = @sel_1)")]
    [InlineData("", "spec.nodeName!=n1", "(COALESCE(fields->>@sel_0, '') <> @sel_1)")]
    [InlineData("app=web", "metadata.name=a", "labels @> @sel_0 AND fields @> @sel_1")]
    public void Renders_index_friendly_parameterised_sql(string labels, string fields, string sql) =>
        Assert.Equal(sql, SelectorSql.Where(LabelSelector.Parse(labels), FieldSelector.Parse(fields)).Sql);

    [Fact]
    public void Equalities_share_one_containment_document()
    {
        var (_, parameters) = SelectorSql.Where(LabelSelector.Parse("b=2,a=1"), FieldSelector.Everything);

        var document = Assert.Single(parameters);
        Assert.Equal(NpgsqlDbType.Jsonb, document.NpgsqlDbType);
        Assert.Equal("""{"a":"1","b":"2"}""", document.Value);
    }

    [Fact]
    public void User_text_only_travels_in_parameters()
    {
        var (sql, parameters) = SelectorSql.Where(
            LabelSelector.Parse("evil"), FieldSelector.Parse(@"metadata.name!=x'); DROP TABLE t; --"), "o.labels", "o.fields", "q");

        Assert.Equal("(o.labels ? @q_0) AND (COALESCE(o.fields->>@q_1, '') <> @q_2)", sql);
        Assert.Equal(["evil", "metadata.name", "x'); DROP TABLE t; --"], parameters.Select(p => p.Value));
    }

    [Fact]
    public void Nothing_selects_false()
    {
        Assert.Equal("FALSE", SelectorSql.Where(LabelSelector.Nothing, FieldSelector.Parse("a=b")).Sql);
    }

    [Theory]
    [InlineData("labels; --", "fields", "sel")]
    [InlineData("labels", "", "sel")]
    [InlineData("labels", "fields", "1sel")]
    public void Rejects_column_names_that_are_not_identifiers(string labels, string fields, string prefix) =>
        Assert.Throws<ArgumentException>(() => SelectorSql.Where(LabelSelector.Everything, FieldSelector.Everything, labels, fields, prefix));
}
