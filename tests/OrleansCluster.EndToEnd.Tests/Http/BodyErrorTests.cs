using System.Text;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>Bad request bodies through raw HTTP: each is a Status with Kubernetes' code and reason, and changes nothing.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class BodyErrorTests(GatewayCluster cluster) : IDisposable
{
    private const string Ns = "http-bodies";
    private const string Pods = $"/api/v1/namespaces/{Ns}/pods";
    private readonly ApiHttp api = new(cluster);

    public void Dispose() => api.Dispose();

    [Theory]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"broken\"", "application/json")]
    [InlineData("not json at all", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n   bad: [\n", "application/yaml")]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"broken\"},\"spec\":{\"ports\":[{\"port\":80}]}}", "application/json")]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"broken\",\"labels\":{\"a\":\"\\ud83d\"}}}", "application/json")]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"broken\",\"\\ud83d\":1}}", "application/json")]
    public async Task A_malformed_or_foreign_body_is_a_400_that_changes_nothing(string body, string contentType)
    {
        await api.CreateNamespaceAsync(Ns);
        var before = await api.SnapshotAsync(Pods);

        var response = await api.PostAsync(Pods, body, contentType);

        response.AssertStatus(400, "BadRequest");
        Assert.Equal(before, await api.SnapshotAsync(Pods));
        Assert.Equal(404, (await api.GetAsync($"{Pods}/broken")).Code);
    }

    [Fact]
    public async Task Unknown_fields_are_an_error_under_Strict_a_warning_under_Warn_and_silent_under_Ignore()
    {
        await api.CreateNamespaceAsync(Ns);
        const string body = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME"},"spec":{"foo":1,"containers":[{"name":"main","image":"busybox:1.36"}]}}""";
        var before = await api.SnapshotAsync(Pods);

        var strict = await api.PostAsync($"{Pods}?fieldValidation=Strict", body.Replace("NAME", "strict-foo"));
        strict.AssertStatus(400, "BadRequest");
        Assert.Contains("strict decoding error: unknown field \"spec.foo\"", strict.Message);
        Assert.Equal(before, await api.SnapshotAsync(Pods));

        var warn = await api.PostAsync($"{Pods}?fieldValidation=Warn", body.Replace("NAME", "warn-foo"));
        Assert.True(warn.Code == 201, warn.Body);
        Assert.Contains("299 - \"unknown field \\\"spec.foo\\\"\"", warn.Headers.GetValues("Warning"));

        var ignore = await api.PostAsync($"{Pods}?fieldValidation=Ignore", body.Replace("NAME", "ignore-foo"));
        Assert.True(ignore.Code == 201, ignore.Body);
        Assert.False(ignore.Headers.Contains("Warning"));
    }

    [Fact]
    public async Task A_duplicate_field_under_Strict_and_an_unknown_fieldValidation_are_400()
    {
        await api.CreateNamespaceAsync(Ns);
        var before = await api.SnapshotAsync(Pods);
        const string duplicate = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"dup","name":"dup"},"spec":{"containers":[{"name":"main","image":"busybox:1.36"}]}}""";

        var strict = await api.PostAsync($"{Pods}?fieldValidation=Strict", duplicate);
        strict.AssertStatus(400, "BadRequest");
        Assert.Contains("duplicate field \"metadata.name\"", strict.Message);

        var unknownMode = await api.PostAsync($"{Pods}?fieldValidation=Loose", ApiHttp.Pod("loose"));
        unknownMode.AssertStatus(400, "BadRequest");
        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Theory]
    [InlineData("Not_A_Name")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("100%")]
    public async Task An_invalid_name_is_422_Invalid_with_the_field_in_its_causes(string name)
    {
        await api.CreateNamespaceAsync(Ns);
        var before = await api.SnapshotAsync(Pods);

        var response = await api.PostAsync(Pods, ApiHttp.Pod(name));

        var status = response.AssertStatus(422, "Invalid");
        var fields = status.GetProperty("details").GetProperty("causes").EnumerateArray()
            .Select(c => c.GetProperty("field").GetString()).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404_and_an_existing_name_is_409_AlreadyExists()
    {
        var missing = await api.PostAsync("/api/v1/namespaces/x/pods", ApiHttp.Pod("orphan"));
        Assert.Equal("namespaces \"x\" not found", missing.AssertStatus(404, "NotFound").GetProperty("message").GetString());

        await api.CreateNamespaceAsync(Ns);
        var first = await api.PostAsync(Pods, ApiHttp.Pod("twice"));
        Assert.True(first.Code is 201 or 409, first.Body);
        var before = await api.SnapshotAsync(Pods);
        var again = await api.PostAsync(Pods, ApiHttp.Pod("twice", """{"app":"other"}"""));
        again.AssertStatus(409, "AlreadyExists");
        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Fact]
    public async Task A_stale_resourceVersion_on_PUT_is_409_Conflict()
    {
        await api.CreateNamespaceAsync(Ns);
        await api.SendAsync(HttpMethod.Delete, $"{Pods}/stale");
        var created = await api.PostAsync(Pods, ApiHttp.Pod("stale"));
        Assert.True(created.Code == 201, created.Body);
        var stale = created.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var updated = await api.PutAsync($"{Pods}/stale", created.Body.Replace("\"app\":\"http\"", "\"app\":\"v2\""));
        Assert.True(updated.Code == 200, updated.Body);
        var current = updated.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        Assert.NotEqual(stale, current);

        var conflict = await api.PutAsync($"{Pods}/stale", created.Body.Replace("\"app\":\"http\"", "\"app\":\"v3\""));

        conflict.AssertStatus(409, "Conflict");
        var after = await api.GetAsync($"{Pods}/stale");
        Assert.Equal(current, after.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString());
        Assert.Equal("v2", after.Json.GetProperty("metadata").GetProperty("labels").GetProperty("app").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_3_MiB_is_413(bool withLength)
    {
        await api.CreateNamespaceAsync(Ns);
        var before = await api.SnapshotAsync(Pods);
        var padding = new string('a', 3 * 1024 * 1024);
        var bytes = Encoding.UTF8.GetBytes(ApiHttp.Pod("huge").Replace("\"app\":\"http\"", $"\"app\":\"{padding}\""));
        using var request = new HttpRequestMessage(HttpMethod.Post, Pods);
        request.Content = withLength ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (withLength)
        {
            // The server answers from the length alone, before reading the body: a client that waits for
            // "100 Continue" reads the 413 (one that is still sending may see the connection close instead).
            request.Headers.ExpectContinue = true;
        }
        else
        {
            request.Headers.TransferEncodingChunked = true;
        }

        var response = await api.SendAsync(request);

        response.AssertStatus(413, "RequestEntityTooLarge");
        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Fact]
    public async Task Unsupported_media_types_are_415()
    {
        await api.CreateNamespaceAsync(Ns);
        var created = await EnsurePodAsync("media");
        var before = await api.SnapshotAsync(Pods);

        (await api.PostAsync(Pods, ApiHttp.Pod("plain"), "text/plain")).AssertStatus(415, "UnsupportedMediaType");
        (await api.PatchAsync($"{Pods}/media", """{"metadata":{"labels":{"x":"y"}}}""", "application/xml"))
            .AssertStatus(415, "UnsupportedMediaType");
        (await api.PutAsync($"{Pods}/media", created, "text/plain")).AssertStatus(415, "UnsupportedMediaType");
        Assert.Equal(before, await api.SnapshotAsync(Pods));
    }

    [Fact]
    public async Task A_JSON_patch_whose_test_fails_is_422_Invalid_as_in_Kubernetes()
    {
        await api.CreateNamespaceAsync(Ns);
        await EnsurePodAsync("tested");
        var before = await api.SnapshotAsync(Pods);

        var response = await api.PatchAsync($"{Pods}/tested",
            """[{"op":"test","path":"/metadata/labels/app","value":"nope"},{"op":"add","path":"/metadata/labels/x","value":"y"}]""",
            "application/json-patch+json");

        // The API server answers a patch that decodes but does not apply with 422 Invalid (patch.go, applyJSPatch).
        response.AssertStatus(422, "Invalid");
        Assert.Equal(before, await api.SnapshotAsync(Pods));
        (await api.PatchAsync($"{Pods}/tested", "{not a patch", "application/json-patch+json")).AssertStatus(400, "BadRequest");
    }

    /// <summary>The pod's JSON, creating it first when an earlier test has not.</summary>
    private async Task<string> EnsurePodAsync(string name)
    {
        var created = await api.PostAsync(Pods, ApiHttp.Pod(name));
        Assert.True(created.Code is 201 or 409, created.Body);
        return (await api.GetAsync($"{Pods}/{name}")).Body;
    }
}
