using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansCluster.Pki;

/// <summary>
/// The cluster's certificate authority (<c>ca.crt</c>, <c>ca.key</c> in the PKI folder, made on first use) and the
/// certificates it issues: the API's serving certificate, each silo's, the client library's. Who holds the key can
/// issue; everyone else only trusts <c>ca.crt</c> (<see cref="ClusterTrust"/>).
/// </summary>
public sealed class ClusterCa : IDisposable
{
    public const string CertificateFile = "ca.crt";
    public const string KeyFile = "ca.key";


    private readonly X509Certificate2 authority;

    private ClusterCa(X509Certificate2 authority, string pem)
    {
        this.authority = authority;
        CertificatePem = pem;
    }

    /// <summary>The CA certificate, PEM (what clients trust; a kubeconfig's <c>certificate-authority-data</c>).</summary>
    public string CertificatePem { get; }

    /// <summary>Reads the CA in <paramref name="directory"/>, making it first when there is none.</summary>
    public static ClusterCa LoadOrCreate(string directory)
    {
        var certificate = Path.Combine(directory, CertificateFile);
        var key = Path.Combine(directory, KeyFile);
        using (PkiFolder.Lock(directory))
        {
            if (!File.Exists(certificate))
            {
                Create(certificate, key);
            }
        }

        var pem = File.ReadAllText(certificate);
        return new ClusterCa(X509Certificate2.CreateFromPem(pem, File.ReadAllText(key)), pem);
    }

    /// <summary>
    /// A new certificate and key, signed by this CA, for <paramref name="commonName"/>. A server certificate names
    /// 127.0.0.1, ::1, localhost and <paramref name="addresses"/>.
    /// </summary>
    public X509Certificate2 Issue(string commonName, CertificateUse use, TimeSpan lifetime, params IPAddress[] addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = Sign(key, commonName, use, lifetime, addresses);
        using var withKey = issued.CopyWithPrivateKey(key);
        // A key created in memory is ephemeral; exported and read back it can sign TLS handshakes on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Issues a certificate into <paramref name="certificateFile"/> and its key into <paramref name="keyFile"/> (PEM,
    /// the key readable by its owner only) unless one is there that is valid for another 30 days.
    /// </summary>
    public void IssueToFiles(
        string certificateFile, string keyFile, string commonName, CertificateUse use, TimeSpan lifetime)
    {
        using (PkiFolder.Lock(Path.GetDirectoryName(Path.GetFullPath(certificateFile))!))
        {
            if (File.Exists(certificateFile) && File.Exists(keyFile))
            {
                using var current = X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));
                if (current.NotAfter > DateTime.Now.AddDays(30))
                {
                    return;
                }
            }

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var certificate = Sign(key, commonName, use, lifetime, []);
            PkiFolder.WriteSecret(keyFile, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        }
    }

    public void Dispose() => authority.Dispose();

    /// <summary>The extended key usage that stands for one <see cref="CertificateUse"/>.</summary>
    internal static Oid KeyUsageOid(CertificateUse use) =>
        new(use == CertificateUse.Server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2");

    private X509Certificate2 Sign(ECDsa key, string commonName, CertificateUse use, TimeSpan lifetime, IPAddress[] addresses)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        if (use.HasFlag(CertificateUse.Server))
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }.Concat(addresses).Distinct())
            {
                names.AddIpAddress(address);
            }

            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var usages = new OidCollection();
        foreach (var single in new[] { CertificateUse.Server, CertificateUse.Client }.Where(u => use.HasFlag(u)))
        {
            usages.Add(KeyUsageOid(single));
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var now = DateTimeOffset.UtcNow;
        return request.Create(authority, now.AddMinutes(-5), now + lifetime, RandomNumberGenerator.GetBytes(16));
    }

    private static void Create(string certificateFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=orleanscluster-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
        PkiFolder.WriteSecret(keyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificateFile, ca.ExportCertificatePem());
    }
}
