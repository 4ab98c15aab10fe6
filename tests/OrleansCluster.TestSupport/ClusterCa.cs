using System.Security.Cryptography.X509Certificates;

namespace OrleansCluster.TestSupport;

/// <summary>How test clients trust a gateway: its certificate must chain to the cluster's own CA (<c>ca.crt</c>), as kubectl checks.</summary>
public static class ClusterCa
{
    public static bool Trusts(X509Certificate2 ca, X509Certificate? presented)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(certificate);
    }
}
