using System.Text;

namespace OrleansCluster.Gateway.Security;

/// <summary>A kubeconfig for this cluster: the server, its CA, and the admin token.</summary>
public static class Kubeconfig
{
    public const string Name = "orleanscluster";

    public static string Render(GatewayCredentials credentials, string server) =>
        $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {Name}
          cluster:
            server: {server}
            certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(credentials.CaPem))}
        users:
        - name: {Name}-admin
          user:
            token: {credentials.Token}
        contexts:
        - name: {Name}
          context:
            cluster: {Name}
            user: {Name}-admin
            namespace: default
        current-context: {Name}

        """;
}
