using OrleansCluster.Host;

var app = await ClusterHost.BuildAsync(args);
if (app is null)
{
    return args.Contains("migrate") ? 0 : 2;
}

await app.RunAsync();
return 0;
