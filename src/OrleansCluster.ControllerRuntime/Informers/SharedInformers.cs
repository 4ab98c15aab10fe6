using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OrleansCluster.Core.Resources;

namespace OrleansCluster.ControllerRuntime.Informers;

/// <summary>
/// The process's informers, one per kind, started the first time a controller asks for one and stopped with the
/// process (client-go's SharedInformerFactory).
/// </summary>
public sealed class SharedInformers(IListWatch source, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (ISharedInformer Informer, Task Running)> started = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    public SharedInformer<T> For<T>(ResourceType type)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
            if (started.TryGetValue(type.QualifiedPlural, out var existing))
            {
                return (SharedInformer<T>)existing.Informer;
            }

            var informer = new SharedInformer<T>(source, type, loggers.CreateLogger($"Informer.{type.Plural}"));
            var ct = stopping.Token;
            started[type.QualifiedPlural] = (informer, Task.Run(() => informer.RunAsync(ct), CancellationToken.None));
            return informer;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            stopping.Cancel();
            running = started.Values.Select(s => s.Running).ToArray();
        }

        await Task.WhenAll(running);
        stopping.Dispose();
    }
}
