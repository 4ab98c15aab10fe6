using System.Security.Cryptography.X509Certificates;

namespace OrleansCluster.Pki;

/// <summary>
/// Whether a peer's certificate was issued by the cluster CA: the chain is built against that CA alone, never the
/// machine's trust store, so a certificate any public CA signed is refused as one from another cluster is.
/// </summary>
public sealed class ClusterTrust(X509Certificate2 authority)
{
    /// <summary>The CA certificate the trust is anchored in.</summary>
    public X509Certificate2 Authority { get; } = authority;

    /// <summary>The trust anchored in the PEM CA certificate at <paramref name="caFile"/> (a PKI folder's <c>ca.crt</c>).</summary>
    public static ClusterTrust FromFile(string caFile) => new(X509Certificate2.CreateFromPem(File.ReadAllText(caFile)));

    /// <summary>True when <paramref name="certificate"/> chains to <see cref="Authority"/>, is within its validity and has the usage asked for.</summary>
    public bool Trusts(X509Certificate2? certificate, CertificateUse? use = null)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        // The CA publishes no revocation lists: revoking means a new CA (delete the PKI folder).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (use is { } wanted)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(ClusterCa.KeyUsageOid(wanted));
        }

        return chain.Build(certificate)
            && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(Authority.RawDataMemory.Span);
    }
}
