using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using OrleansCluster.Pki;

namespace OrleansCluster.Client.Security;

/// <summary>
/// Mutual TLS on Orleans connections, the same on both ends (silo to silo, client to gateway): each side presents a
/// certificate from the cluster CA and accepts the other only when its certificate chains to that CA.
/// </summary>
public static class ClusterTls
{
    /// <summary>Presents <paramref name="local"/> and requires a peer certificate that <paramref name="trust"/> accepts.</summary>
    public static void Configure(TlsOptions options, X509Certificate2 local, ClusterTrust trust)
    {
        options.LocalCertificate = local;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Only the cluster CA decides: the platform's verdict (which knows no such root) is not consulted.
        options.RemoteCertificateValidation = (certificate, _, _) => trust.Trusts(certificate);
    }
}
