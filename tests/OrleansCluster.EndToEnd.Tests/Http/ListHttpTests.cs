using System.Text.Json;

namespace OrleansCluster.EndToEnd.Tests.Http;

/// <summary>JSON lists over raw HTTP: streamed from the list's chunks, they must still be one well-formed list.</summary>
[Collection(GatewayCluster.Collection)]
public sealed class ListHttpTests(GatewayCluster cluster) : IDisposable
{
    private const string Ns = "http-lists";
    private const string Pods = $"/api/v1/namespaces/{Ns}/pods";
    private readonly ApiHttp api = new(cluster);

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task A_list_of_several_chunks_holds_every_selected_object_once_in_name_order_with_the_lists_revision()
    {
        await api.CreateNamespaceAsync(Ns);
        string last = "";
        for (var i = 0; i < 150; i++)
        {
            var labels = i % 3 == 0 ? """{"app":"other"}""" : """{"app":"listed"}""";
            var created = await api.PostAsync(Pods, ApiHttp.Pod($"p-{i:D3}", labels));
            Assert.True(created.Code == 201, created.Body);
            last = created.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
        }

        var list = await api.GetAsync($"{Pods}?labelSelector=app%3Dlisted");

        Assert.True(list.Code == 200, list.Body);
        Assert.Equal(("PodList", "v1"), (list.Json.GetProperty("kind").GetString(), list.Json.GetProperty("apiVersion").GetString()));
        var names = list.Json.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("metadata").GetProperty("name").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 150).Where(i => i % 3 != 0).Select(i => $"p-{i:D3}"), names);
        Assert.True(long.Parse(list.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString()!) >= long.Parse(last));
    }

    [Fact]
    public async Task A_list_that_selects_nothing_is_an_empty_items_array_with_a_revision()
    {
        await api.CreateNamespaceAsync(Ns);

        var list = await api.GetAsync($"{Pods}?labelSelector=app%3Dnobody");

        Assert.True(list.Code == 200, list.Body);
        Assert.Equal(JsonValueKind.Array, list.Json.GetProperty("items").ValueKind);
        Assert.Equal(0, list.Json.GetProperty("items").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(list.Json.GetProperty("metadata").GetProperty("resourceVersion").GetString()));
    }
}
