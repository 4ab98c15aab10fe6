using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansCluster.Pki;

namespace OrleansCluster.Gateway.Security;

/// <summary>
/// The cluster's CA, the gateway's serving certificate (for 127.0.0.1, ::1 and localhost) and the admin bearer
/// token, kept in one folder shared by the silos of a machine: made on first start, read on every later one.
/// kubectl sends bearer tokens only over https, hence TLS even on loopback.
/// </summary>
public sealed class GatewayCredentials
{
    private const string CertFile = "apiserver.crt";
    private const string KeyFile = "apiserver.key";
    private const string TokenFile = "admin.token";

    private GatewayCredentials(string directory, X509Certificate2 serving, string caPem, string token)
    {
        Directory = directory;
        ServingCertificate = serving;
        CaPem = caPem;
        Token = token;
    }

    public string Directory { get; }

    public X509Certificate2 ServingCertificate { get; }

    /// <summary>The CA certificate, PEM: what a kubeconfig's <c>certificate-authority-data</c> holds (base64).</summary>
    public string CaPem { get; }

    /// <summary>The admin bearer token.</summary>
    public string Token { get; }

    /// <summary>Reads the credentials in <paramref name="directory"/>, making whatever is missing first (under a lock, so concurrent silos agree).</summary>
    public static GatewayCredentials LoadOrCreate(string directory)
    {
        using var ca = ClusterCa.LoadOrCreate(directory);
        var certFile = Path.Combine(directory, CertFile);
        var keyFile = Path.Combine(directory, KeyFile);
        ca.IssueToFiles(certFile, keyFile, "orleanscluster-apiserver", CertificateUse.Server, TimeSpan.FromDays(365));
        var tokenFile = Path.Combine(directory, TokenFile);
        using (PkiFolder.Lock(directory))
        {
            if (!File.Exists(tokenFile))
            {
                PkiFolder.WriteSecret(tokenFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
            }
        }

        var serving = X509Certificate2.CreateFromPem(File.ReadAllText(certFile), File.ReadAllText(keyFile));
        return new GatewayCredentials(directory, serving, ca.CertificatePem, File.ReadAllText(tokenFile).Trim());
    }
}
