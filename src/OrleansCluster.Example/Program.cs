using OrleansCluster.Example;

// dotnet run --project src/OrleansCluster.Example -- "<connection string>" [<PKI folder>]
var connectionString = args.ElementAtOrDefault(0) ?? Environment.GetEnvironmentVariable("ORLEANSCLUSTER_CONNECTION");
// The client credential (client.crt, client.key, ca.crt): the quick start's PKI folder unless told otherwise.
var pkiDirectory = args.ElementAtOrDefault(1) ?? Environment.GetEnvironmentVariable("ORLEANSCLUSTER_PKI") ?? ".cluster/pki";
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine(
        "usage: OrleansCluster.Example \"<connection string>\" [<PKI folder, default .cluster/pki>]  (or set ORLEANSCLUSTER_CONNECTION and ORLEANSCLUSTER_PKI)");
    return 2;
}

using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
try
{
    await ExampleRun.RunAsync(connectionString, pkiDirectory, Console.Out, timeout.Token);
    return 0;
}
catch (Exception e) when (e is TimeoutException or FileNotFoundException or OrleansCluster.Client.Security.ClusterTrustException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
