using OrleansCluster.Example;

// dotnet run --project src/OrleansCluster.Example -- "Host=127.0.0.1;Port=55432;Username=postgres;Database=orleanscluster"
var connectionString = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("ORLEANSCLUSTER_CONNECTION");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("usage: OrleansCluster.Example \"<connection string>\"  (or set ORLEANSCLUSTER_CONNECTION)");
    return 2;
}

using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
try
{
    await ExampleRun.RunAsync(connectionString, Console.Out, timeout.Token);
    return 0;
}
catch (TimeoutException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
