using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansCluster.ControllerRuntime.Informers;
using OrleansCluster.Core.Resources;
using OrleansCluster.Core.Selectors;
using OrleansCluster.TestSupport;

namespace OrleansCluster.ControllerRuntime.Tests.Informers;

public sealed class SharedInformerTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly ScriptedListWatch source = new();
    private readonly CancellationTokenSource stop = new();
    private readonly SharedInformer<V1Pod> informer;
    private Task running = Task.CompletedTask;

    public SharedInformerTests() => informer = new SharedInformer<V1Pod>(source, ResourceTypes.Pod, NullLogger.Instance);

    [Fact]
    public async Task Lists_then_follows_changes_and_answers_by_namespace_label_and_owner()
    {
        source.Put(ScriptedListWatch.Pod("a", labels: new Dictionary<string, string> { ["app"] = "web" }, ownerUid: "rs-1"));
        source.Put(ScriptedListWatch.Pod("b", ns: "other", labels: new Dictionary<string, string> { ["app"] = "web" }));
        Start();
        await informer.Synced.WaitAsync(Deadline);

        source.Put(ScriptedListWatch.Pod("c", labels: new Dictionary<string, string> { ["app"] = "db" }, ownerUid: "rs-1"));
        source.Put(ScriptedListWatch.Pod("a", labels: new Dictionary<string, string> { ["app"] = "db" }, ownerUid: "rs-1"));
        await Eventually.Until(() => Task.FromResult(informer.Labelled("app", "db").Count), n => n == 2, Deadline, "a relabelled, c added");

        Assert.Equal(["a", "c"], Names(informer.List("default")));
        Assert.Equal(["b"], Names(informer.List("other")));
        Assert.Equal(["b"], Names(informer.Labelled("app", "web")));
        Assert.Equal(["a", "c"], Names(informer.OwnedBy("rs-1")));
        Assert.Equal(["a", "c"], Names(informer.Select("default", LabelSelector.Parse("app=db"))));

        source.Remove("c");
        await Eventually.Until(() => Task.FromResult(informer.OwnedBy("rs-1").Count), n => n == 1, Deadline, "c removed from the owner index");
        Assert.Null(informer.Get(new ObjectName("default", "c")));
    }

    [Fact]
    public async Task An_expired_watch_lists_again_and_reports_what_changed_meanwhile()
    {
        source.Put(ScriptedListWatch.Pod("kept"));
        source.Put(ScriptedListWatch.Pod("gone"));
        Start();
        await informer.Synced.WaitAsync(Deadline);
        var seen = new ConcurrentQueue<(ChangeType, string)>();
        using var subscription = informer.Subscribe(e => seen.Enqueue((e.Type, e.Object.Metadata.Name)));
        seen.Clear();

        // Changes the watch never delivers (compacted away), then the watch expires.
        source.Remove("gone", announce: false);
        source.Put(ScriptedListWatch.Pod("new"), announce: false);
        source.Expire();

        await Eventually.Until(() => Task.FromResult(seen.Count), n => n == 2, Deadline, "the relist's differences");
        Assert.Equal(2, source.Lists);
        Assert.Contains((ChangeType.Deleted, "gone"), seen);
        Assert.Contains((ChangeType.Added, "new"), seen);
        Assert.Equal(["kept", "new"], Names(informer.List()));
    }

    [Fact]
    public async Task A_new_subscriber_first_hears_of_every_cached_object()
    {
        source.Put(ScriptedListWatch.Pod("a"));
        source.Put(ScriptedListWatch.Pod("b"));
        Start();
        await informer.Synced.WaitAsync(Deadline);

        var seen = new List<string>();
        using var subscription = informer.Subscribe(e => seen.Add(e.Object.Metadata.Name));

        Assert.Equal(["a", "b"], seen.Order());
    }

    [Fact]
    public async Task Waiting_for_a_revision_ends_once_the_cache_holds_it()
    {
        Start();
        await informer.Synced.WaitAsync(Deadline);
        var target = informer.Revision + 1;
        var waiting = informer.WaitForRevisionAsync(target, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        source.Put(ScriptedListWatch.Pod("a"));

        await waiting.WaitAsync(Deadline);
        Assert.NotNull(informer.Get(new ObjectName("default", "a")));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        stop.Dispose();
    }

    private void Start() => running = Task.Run(() => informer.RunAsync(stop.Token));

    private static List<string> Names(IEnumerable<V1Pod> pods) => pods.Select(p => p.Metadata.Name).Order().ToList();
}
