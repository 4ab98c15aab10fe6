using System.Text;
using Xunit.Abstractions;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>
/// Each category of hostile input against each kind and each writing verb, one request at a time: never a 5xx, every
/// refusal a Status naming what is wrong, and the store unchanged except for the object an accepted request named.
/// </summary>
[Collection(GatewayCluster.Collection)]
public sealed class HostileInputTests(GatewayCluster cluster, ITestOutputHelper output) : IDisposable
{
    private const string Ns = "hostile-input";
    private readonly ApiHttp api = new(cluster);

    public void Dispose() => api.Dispose();

    /// <summary>A kind: its collection, and a manifest whose metadata members follow <c>META</c>.</summary>
    private sealed record Kind(string Collection, string Manifest);

    /// <summary>A member of <c>metadata</c> with a hostile value, and the answer it must get (null: any 2xx or 4xx).</summary>
    private sealed record Hazard(string Name, string Member, string Value, int? Code);

    private static readonly Kind[] Kinds =
    [
        new($"/api/v1/namespaces/{Ns}/pods", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME"META},"spec":{"containers":[{"name":"c","image":"busybox:1.36"}]}}"""),
        new($"/api/v1/namespaces/{Ns}/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"NAME"META},"spec":{"ports":[{"port":80}]}}"""),
        new($"/api/v1/namespaces/{Ns}/events", """{"apiVersion":"v1","kind":"Event","metadata":{"name":"NAME"META},"involvedObject":{"kind":"Pod","name":"p","namespace":"hostile-input"},"reason":"R","message":"m","type":"Normal"}"""),
        new($"/apis/coordination.k8s.io/v1/namespaces/{Ns}/leases", """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"NAME"META},"spec":{"holderIdentity":"h"}}"""),
        // Schedulable: a cordoned node gets the node lifecycle controller's unschedulable taint, a change of its own.
        new("/api/v1/nodes", """{"apiVersion":"v1","kind":"Node","metadata":{"name":"NAME"META},"spec":{"unschedulable":false}}"""),
        new("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"NAME"META}}"""),
    ];

    private static readonly Hazard[] Hazards =
    [
        new("NUL in a value", "annotations", """{"a":"x\u0000y"}""", 422),
        new("NUL in a key", "labels", """{"a\u0000":"x"}""", 422),
        new("lone surrogate", "annotations", """{"a":"\ud800"}""", 400),
        new("null list item", "finalizers", "[null]", 422),
        new("null owner reference", "ownerReferences", "[null]", 422),
        new("deep nesting", "annotations", string.Concat(Enumerable.Repeat("""{"a":""", 300)) + "\"x\"" + new string('}', 300), 400),
        new("wrong type", "labels", """["a"]""", 400),
        new("number overflow", "generation", "1e400", 400),
        new("duplicate keys", "labels", """{"a":"1","a":"2"}""", null),
    ];

    private static readonly string[] Verbs = ["create", "replace", "merge", "strategic", "json-patch", "apply"];

    [Fact]
    public async Task Every_hazard_against_every_kind_and_verb_gets_a_4xx_Status_and_changes_nothing()
    {
        await api.CreateNamespaceAsync(Ns);
        var failures = new List<string>();
        var sent = 0;
        foreach (var kind in Kinds)
        {
            var target = $"hostile-{kind.Collection.Split('/')[^1]}";
            var created = await api.PostAsync(kind.Collection, kind.Manifest.Replace("NAME", target, StringComparison.Ordinal).Replace("META", "", StringComparison.Ordinal));
            Assert.True(created.Code is 201 or 409, created.Body);
            foreach (var hazard in Hazards)
            {
                foreach (var verb in Verbs)
                {
                    var name = verb == "create" ? $"{target}-new" : target;
                    var before = await api.SnapshotAsync(kind.Collection);
                    var answer = await SendAsync(kind, hazard, verb, name);
                    sent++;
                    var after = await api.SnapshotAsync(kind.Collection);
                    var problem = Judge(hazard, verb, answer, before, after, name);
                    if (problem is not null)
                    {
                        failures.Add($"{hazard.Name} / {kind.Collection} / {verb}: {problem}\n  {Truncate(answer.Body)}");
                    }

                    if (answer.Code is >= 200 and < 300 && verb is "create" or "apply" && !before.ContainsKey(name))
                    {
                        await RemoveAsync($"{kind.Collection}/{name}");
                    }
                }
            }
        }

        output.WriteLine($"{sent} requests, {failures.Count} bad answers");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("image", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nul-image"},"spec":{"containers":[{"name":"c","image":"busybox\u0000"}]}}""", "spec.containers[0].image")]
    [InlineData("env", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nul-env"},"spec":{"containers":[{"name":"c","image":"busybox","env":[{"name":"E","value":"a\u0000b"}]}]}}""", "spec.containers[0].env[0].value")]
    [InlineData("command", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"null-arg"},"spec":{"containers":[{"name":"c","image":"busybox","command":["sh",null]}]}}""", "spec.containers[0].command[1]")]
    [InlineData("ports", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"null-port"},"spec":{"ports":[null]}}""", "spec.ports[0]")]
    [InlineData("message", """{"apiVersion":"v1","kind":"Event","metadata":{"name":"nul-message"},"involvedObject":{"kind":"Pod","name":"p","namespace":"hostile-input"},"reason":"R","message":"a\u0000b","type":"Normal"}""", "message")]
    public async Task A_field_PostgreSQL_or_a_container_cannot_hold_is_a_422_naming_it(string what, string manifest, string field)
    {
        await api.CreateNamespaceAsync(Ns);
        var collection = manifest.Contains("\"Service\"", StringComparison.Ordinal) ? "services"
            : manifest.Contains("\"Event\"", StringComparison.Ordinal) ? "events" : "pods";
        var path = $"/api/v1/namespaces/{Ns}/{collection}";
        var before = await api.SnapshotAsync(path);
        var answer = await api.PostAsync(path, manifest);
        var status = answer.AssertStatus(422, "Invalid");
        Assert.Contains(status.GetProperty("details").GetProperty("causes").EnumerateArray(), c => c.GetProperty("field").GetString() == field);
        Assert.Equal(before, await api.SnapshotAsync(path));
        output.WriteLine($"{what}: {answer.Message}");
    }

    [Fact]
    public async Task A_chunked_body_whose_chunk_size_overflows_is_a_400_Status()
    {
        await api.CreateNamespaceAsync(Ns);
        var before = await api.SnapshotAsync($"/api/v1/namespaces/{Ns}/pods");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", cluster.ApiPort);
        using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        var request = $"POST /api/v1/namespaces/{Ns}/pods HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {api.Token}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n";
        await tls.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(tls);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Status\"", response, StringComparison.Ordinal);
        Assert.Equal(before, await api.SnapshotAsync($"/api/v1/namespaces/{Ns}/pods"));
    }

    /// <summary>Deletes an object an accepted request made and waits until it is gone (a namespace takes its controller a moment).</summary>
    private async Task RemoveAsync(string path)
    {
        await api.SendAsync(HttpMethod.Delete, path);
        await OrleansCluster.TestSupport.Eventually.True(async () => (await api.GetAsync(path)).Code == 404,
            TimeSpan.FromSeconds(30), $"{path} removed");
    }

    private async Task<ApiResponse> SendAsync(Kind kind, Hazard hazard, string verb, string name)
    {
        var member = $",\"{hazard.Member}\":{hazard.Value}";
        var manifest = kind.Manifest.Replace("NAME", name, StringComparison.Ordinal).Replace("META", member, StringComparison.Ordinal);
        var item = $"{kind.Collection}/{name}";
        return verb switch
        {
            "create" => await api.PostAsync(kind.Collection, manifest),
            "replace" => await api.PutAsync(item, manifest),
            "merge" => await api.PatchAsync(item, $"{{\"metadata\":{{\"{hazard.Member}\":{hazard.Value}}}}}", "application/merge-patch+json"),
            "strategic" => await api.PatchAsync(item, $"{{\"metadata\":{{\"{hazard.Member}\":{hazard.Value}}}}}", "application/strategic-merge-patch+json"),
            "json-patch" => await api.PatchAsync(item, $"[{{\"op\":\"add\",\"path\":\"/metadata/{hazard.Member}\",\"value\":{hazard.Value}}}]", "application/json-patch+json"),
            _ => await api.PatchAsync(item + "?fieldManager=hostile", manifest, "application/apply-patch+yaml"),
        };
    }

    /// <summary>What is wrong with the answer, or null.</summary>
    private static string? Judge(Hazard hazard, string verb, ApiResponse answer, IReadOnlyDictionary<string, string> before,
        IReadOnlyDictionary<string, string> after, string name)
    {
        if (answer.Code >= 500)
        {
            return $"a server error ({answer.Code})";
        }

        if (answer.Code >= 400)
        {
            try
            {
                answer.AssertIsStatus();
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or System.Text.Json.JsonException or KeyNotFoundException)
            {
                return $"not a Status: {e.Message}";
            }
        }

        // Strategic merge and apply read a patch by the schema's merge rules (a null in a primitive list is dropped,
        // YAML has its own escapes and numbers), so they may normalise a hazard away; the other verbs must refuse it
        // with the expected code.
        if (verb is not ("strategic" or "apply") && hazard.Code is { } code && answer.Code != code)
        {
            return $"answered {answer.Code}, expected {code}";
        }

        var changed = before.Keys.Union(after.Keys)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToList();
        if (answer.Code >= 400 && changed.Count > 0)
        {
            return $"refused, yet changed {string.Join(", ", changed)}";
        }

        return changed.Any(k => k != name) ? $"changed objects it did not name: {string.Join(", ", changed)}" : null;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
