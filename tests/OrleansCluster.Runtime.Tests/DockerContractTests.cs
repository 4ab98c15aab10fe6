using OrleansCluster.Runtime.Docker;

namespace OrleansCluster.Runtime.Tests;

[Collection(DockerCollection.Name)]
public sealed class DockerContractTests(DockerEngineFixture engine) : RuntimeContractTests
{
    protected override IContainerRuntime CreateRuntime(string nodeName) =>
        new DockerRuntime(new DockerRuntimeOptions(nodeName) { PullTimeout = TimeSpan.FromSeconds(25) });

    public override Task InitializeAsync()
    {
        Assert.NotNull(engine.Client);
        return base.InitializeAsync();
    }
}
