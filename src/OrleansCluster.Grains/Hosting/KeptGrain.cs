using Microsoft.Extensions.DependencyInjection;

namespace OrleansCluster.Grains.Hosting;

/// <summary>
/// A singleton grain the <see cref="ControllerKeeper"/> keeps running: <paramref name="Ensure"/> is an idempotent
/// call whose only effect is to activate the grain if no silo hosts it (a grain method that returns at once, such as
/// <c>ISchedulerGrain.Ensure</c>). <paramref name="Name"/> appears in the logs.
/// </summary>
public sealed record KeptGrain(string Name, Func<IGrainFactory, Task> Ensure);

public static class KeptGrainExtensions
{
    /// <summary>
    /// Registers a singleton grain that must run somewhere while any control-plane silo lives, e.g.
    /// <c>services.AddKeptGrain("scheduler", grains => grains.GetGrain&lt;ISchedulerGrain&gt;(0).Ensure())</c>. Every
    /// silo's keeper calls it at start, as soon as membership declares a silo dead, and every
    /// <see cref="ControlPlaneOptions.KeepInterval"/>; so a grain lost with its silo is back on a survivor within the
    /// death-detection time.
    /// </summary>
    public static IServiceCollection AddKeptGrain(this IServiceCollection services, string name, Func<IGrainFactory, Task> ensure) =>
        services.AddSingleton(new KeptGrain(name, ensure));
}
