using System.Net;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansCluster.Grains.Hosting;

namespace OrleansCluster.Host;

/// <summary>How a silo of this cluster is configured: PostgreSQL for everything, membership tuned to notice a dead silo in seconds (<see cref="MembershipSettings"/>).</summary>
public static class SiloSetup
{
    public const string Invariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, HostSettings settings)
    {
        var address = IPAddress.Parse(settings.Address);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName ?? $"{Environment.MachineName}-{settings.SiloPort}");
        silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
        if (!settings.InsecureOrleansWithoutTls)
        {
            silo.UseClusterTls(settings.Gateway.PkiDirectory, address);
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = settings.ConnectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = settings.ConnectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(b => b.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = settings.ConnectionString;
            // Plain JSON without .NET type names, so renaming a type strands no stored row.
            o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
        }));
        var membership = settings.Membership;
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = membership.ProbeTimeout;
            o.NumMissedProbesLimit = membership.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = membership.NumVotesForDeathDeclaration;
            o.TableRefreshTimeout = membership.TableRefreshTimeout;
            o.IAmAliveTablePublishTimeout = membership.IAmAliveTablePublishTimeout;
            o.DeathVoteExpirationTimeout = membership.DeathVoteExpirationTimeout;
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        if (settings.Has("control-plane"))
        {
            silo.AddControlPlane(settings.ConnectionString, configure: o =>
            {
                o.KeepInterval = membership.KeepInterval;
                o.Tolerations = new(settings.DefaultNotReadyTolerationSeconds, settings.DefaultUnreachableTolerationSeconds);
            }, scheduler: o =>
            {
                o.Enabled = settings.Scheduler.Enabled;
                o.MaxBindsInFlight = settings.Scheduler.MaxBindsInFlight;
                o.Seed = settings.Scheduler.Seed;
            }, controllers: settings.Controllers);
        }
    }
}
