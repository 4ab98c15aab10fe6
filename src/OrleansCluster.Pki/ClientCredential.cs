using System.Security.Cryptography.X509Certificates;

namespace OrleansCluster.Pki;

/// <summary>
/// What a program needs to connect to the cluster's Orleans gateways: <c>client.crt</c> and <c>client.key</c> (a
/// client certificate from the cluster CA, which silos make in the PKI folder at start) and <c>ca.crt</c> (to know
/// the silos). Copy the three files to wherever the program runs.
/// </summary>
public sealed class ClientCredential(X509Certificate2 certificate, ClusterTrust trust)
{
    public const string CertificateFile = "client.crt";
    public const string KeyFile = "client.key";

    public X509Certificate2 Certificate { get; } = certificate;

    public ClusterTrust Trust { get; } = trust;

    /// <summary>Makes the client credential in <paramref name="directory"/> unless a current one is there.</summary>
    public static void EnsureIssued(ClusterCa ca, string directory) =>
        ca.IssueToFiles(Path.Combine(directory, CertificateFile), Path.Combine(directory, KeyFile),
            "orleanscluster-client", CertificateUse.Client, TimeSpan.FromDays(365));

    /// <summary>Reads the credential in <paramref name="directory"/>; a missing file is an error that says which and why.</summary>
    public static ClientCredential Load(string directory)
    {
        foreach (var file in new[] { CertificateFile, KeyFile, ClusterCa.CertificateFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new FileNotFoundException(
                    $"The cluster credential '{Path.GetFullPath(Path.Combine(directory, file))}' is missing: the silos accept " +
                    $"only clients with a certificate from the cluster CA ({CertificateFile}, {KeyFile} and {ClusterCa.CertificateFile}, " +
                    "which every silo writes into its PKI folder, .cluster/pki in the quick start).",
                    Path.Combine(directory, file));
            }
        }

        var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(directory, CertificateFile), Path.Combine(directory, KeyFile));
        // Read back through PKCS#12 so the key can sign TLS handshakes on every platform.
        using (certificate)
        {
            return new ClientCredential(
                X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null),
                ClusterTrust.FromFile(Path.Combine(directory, ClusterCa.CertificateFile)));
        }
    }
}
