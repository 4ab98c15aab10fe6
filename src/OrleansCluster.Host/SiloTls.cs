using System.Net;
using System.Security.Cryptography.X509Certificates;
using OrleansCluster.Client.Security;
using OrleansCluster.Pki;

namespace OrleansCluster.Host;

/// <summary>
/// Mutual TLS on the silo's Orleans ports (silo to silo, and the gateway clients connect to), anchored in the
/// cluster CA of the PKI folder: the silo presents a certificate of its own, issued at start, and makes sure the
/// folder holds the client credential (<c>client.crt</c>, <c>client.key</c>) for programs to connect with.
/// </summary>
public static class SiloTls
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, string pkiDirectory, IPAddress address)
    {
        using var ca = ClusterCa.LoadOrCreate(pkiDirectory);
        ClientCredential.EnsureIssued(ca, pkiDirectory);
        var certificate = ca.Issue("orleanscluster-silo", CertificateUse.Server | CertificateUse.Client, Lifetime, address);
        var trust = new ClusterTrust(X509Certificate2.CreateFromPem(ca.CertificatePem));
        return silo.UseTls(o => ClusterTls.Configure(o, certificate, trust));
    }
}
