using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansCluster.Gateway.Security;

/// <summary>
/// The cluster's CA, the gateway's serving certificate (for 127.0.0.1, ::1 and localhost) and the admin bearer
/// token, kept in one folder shared by the silos of a machine: made on first start, read on every later one.
/// kubectl sends bearer tokens only over https, hence TLS even on loopback.
/// </summary>
public sealed class GatewayCredentials
{
    private const string CaFile = "ca.crt";
    private const string CaKeyFile = "ca.key";
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
        System.IO.Directory.CreateDirectory(directory);
        using (AcquireLock(directory))
        {
            if (!File.Exists(Path.Combine(directory, CaFile)))
            {
                CreateCa(directory);
            }

            if (!File.Exists(Path.Combine(directory, CertFile)))
            {
                CreateServing(directory);
            }

            if (!File.Exists(Path.Combine(directory, TokenFile)))
            {
                WriteSecret(Path.Combine(directory, TokenFile), Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
            }
        }

        var serving = X509Certificate2.CreateFromPem(
            File.ReadAllText(Path.Combine(directory, CertFile)), File.ReadAllText(Path.Combine(directory, KeyFile)));
        return new GatewayCredentials(directory, serving, File.ReadAllText(Path.Combine(directory, CaFile)),
            File.ReadAllText(Path.Combine(directory, TokenFile)).Trim());
    }

    private static void CreateCa(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=orleanscluster-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
        File.WriteAllText(Path.Combine(directory, CaFile), ca.ExportCertificatePem());
        WriteSecret(Path.Combine(directory, CaKeyFile), key.ExportPkcs8PrivateKeyPem());
    }

    private static void CreateServing(string directory)
    {
        using var ca = X509Certificate2.CreateFromPem(
            File.ReadAllText(Path.Combine(directory, CaFile)), File.ReadAllText(Path.Combine(directory, CaKeyFile)));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=orleanscluster-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var cert = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1), serial);
        File.WriteAllText(Path.Combine(directory, CertFile), cert.ExportCertificatePem());
        WriteSecret(Path.Combine(directory, KeyFile), key.ExportPkcs8PrivateKeyPem());
    }

    private static void WriteSecret(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static FileStream AcquireLock(string directory)
    {
        var path = Path.Combine(directory, ".lock");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
