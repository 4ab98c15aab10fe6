using System.Diagnostics;
using k8s.Models;
using OrleansCluster.Api;
using OrleansCluster.Client;
using OrleansCluster.Client.Security;
using OrleansCluster.Pki;
using OrleansCluster.TestSupport;
using Xunit.Abstractions;

namespace OrleansCluster.Cluster.Tests;

/// <summary>
/// A silo process's Orleans gateway port takes only clients presenting a certificate from the cluster CA, and the
/// client takes only a silo whose certificate chains to that CA: the connection string alone is not enough.
/// </summary>
public sealed class OrleansTlsTests(OrleansTlsTests.OneSilo silo, ITestOutputHelper output)
    : IClassFixture<OrleansTlsTests.OneSilo>, IDisposable
{
    private static readonly TimeSpan Refusal = TimeSpan.FromSeconds(20);
    private readonly string elsewhere = Path.Combine(Path.GetTempPath(), $"oc-foreign-{Guid.NewGuid():N}");

    private SiloCluster Cluster => silo.Cluster;

    public void Dispose()
    {
        if (Directory.Exists(elsewhere))
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task A_client_with_the_cluster_credential_connects_and_writes()
    {
        var client = await Cluster.ConnectClientAsync();

        var created = await client.Api.Namespaces.CreateAsync(new V1Namespace { Metadata = new() { GenerateName = "tls-" } });

        Assert.NotNull(await client.Api.Namespaces.GetAsync(created.Metadata.Name));
    }

    [Fact]
    public async Task A_client_without_TLS_is_refused()
    {
        await RefusedAsync(Cluster.PkiDirectory, c => c.InsecureWithoutTls = true);

    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_refused()
    {
        // Another cluster's client credential, but trusting this cluster's CA: only the silo can say no.
        using (var other = ClusterCa.LoadOrCreate(elsewhere))
        {
            ClientCredential.EnsureIssued(other, elsewhere);
        }

        File.Copy(Path.Combine(Cluster.PkiDirectory, ClusterCa.CertificateFile), Path.Combine(elsewhere, ClusterCa.CertificateFile), overwrite: true);

        await RefusedAsync(elsewhere);

    }

    [Fact]
    public async Task A_silo_whose_certificate_is_from_another_CA_is_not_trusted()
    {
        // This cluster's client credential, but trusting another CA: the client says no to the silo.
        Directory.CreateDirectory(elsewhere);
        foreach (var file in new[] { ClientCredential.CertificateFile, ClientCredential.KeyFile })
        {
            File.Copy(Path.Combine(Cluster.PkiDirectory, file), Path.Combine(elsewhere, file));
        }

        using (var other = ClusterCa.LoadOrCreate(Path.Combine(elsewhere, "other")))
        {
            File.WriteAllText(Path.Combine(elsewhere, ClusterCa.CertificateFile), other.CertificatePem);
        }

        await RefusedAsync(elsewhere);

    }

    [Fact]
    public async Task A_client_without_the_credential_files_is_told_which_file_is_missing()
    {
        Directory.CreateDirectory(elsewhere);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => ClientHost.ConnectAsync(Cluster.ConnectionString, elsewhere, Refusal));

        Assert.Contains(ClientCredential.CertificateFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("certificate from the cluster CA", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Connecting fails with the client library's trust error, well before the deadline: refused, not merely slow.</summary>
    private async Task RefusedAsync(string pkiDirectory, Action<ClusterConnection>? configure = null)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ClusterTrustException>(async () =>
        {
            await using var client = await ClientHost.ConnectAsync(Cluster.ConnectionString, pkiDirectory, Refusal, configure);
        });
        output.WriteLine($"refused after {clock.Elapsed.TotalSeconds:F1} s: {error.Message} ({error.InnerException?.GetType().Name}: {error.InnerException?.Message})");
        Assert.Contains("certificate from their cluster CA", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Refusal / 2, $"refused only after {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>One silo process for the class's tests.</summary>
    public sealed class OneSilo : IAsyncLifetime
    {
        internal SiloCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Cluster = new SiloCluster(await PostgresServer.CreateDatabaseAsync(), nameof(OrleansTlsTests));
            await Cluster.StartSiloAsync("silo-1");
        }

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }
}
