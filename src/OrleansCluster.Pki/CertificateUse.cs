namespace OrleansCluster.Pki;

/// <summary>What a certificate issued by the cluster CA may prove: its extended key usages.</summary>
[Flags]
public enum CertificateUse
{
    /// <summary>TLS server authentication (a silo's or the API's endpoint).</summary>
    Server = 1,

    /// <summary>TLS client authentication (a silo calling another, a client library connecting).</summary>
    Client = 2,
}
