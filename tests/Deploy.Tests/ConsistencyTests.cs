using Deploy.Tests.Shapes;
using Deploy.Tests.Tools;

namespace Deploy.Tests;

/// <summary>
/// azure.yaml, the Bicep and the Kubernetes manifests deploy the AppHost's services as the AppHost runs them: the same
/// names, endpoints and ports, connection names, references, settings and health paths.
/// </summary>
public sealed class ConsistencyTests(ContainerImageFixture images) : IClassFixture<ContainerImageFixture>
{
    private static readonly IReadOnlyList<ServiceShape> AppHost = AppHostShapes.Load();

    [Fact]
    public void Azd_deploys_each_AppHost_project_as_a_dotnet_container_app_of_the_same_name()
    {
        var projects = AppHostShapes.ProjectPaths(Repository.Root);
        var services = AzureYaml.Services(Repository.PathOf("azure.yaml"));

        Assert.Equal(projects.Keys.Order(), services.Select(service => service.Name).Order());
        Assert.All(services, service =>
        {
            Assert.Equal(Path.GetDirectoryName(projects[service.Name]), Path.GetRelativePath(Repository.Root, Repository.PathOf(service.Project)));
            Assert.Equal(("dotnet", "containerapp"), (service.Language, service.Host));
        });
    }

    [Fact]
    public async Task The_container_apps_get_what_the_AppHost_gives_each_service()
    {
        var bicep = BicepShapes.Read(await Bicep.CompileAsync(Repository.PathOf("infra/main.bicep")));

        AssertSame(ShapeComparison.Differences(AppHost, bicep, await images.PortsAsync()));
    }

    [Theory]
    [InlineData("prod", true)]
    [InlineData("dev", false)] // one replica of each, on purpose
    public async Task The_kubernetes_deployments_get_what_the_AppHost_gives_each_service(string overlay, bool compareReplicas)
    {
        var manifests = KubernetesShapes.Read(KubernetesShapes.Load(await Kubectl.KustomizeAsync(Kubectl.Debian, overlay)));

        AssertSame(ShapeComparison.Differences(AppHost, manifests, await images.PortsAsync(), compareReplicas));
    }

    [Fact]
    public async Task Azure_and_kubernetes_put_each_endpoint_on_the_same_port()
    {
        var bicep = BicepShapes.Read(await Bicep.CompileAsync(Repository.PathOf("infra/main.bicep")));
        var manifests = KubernetesShapes.Read(KubernetesShapes.Load(await Kubectl.KustomizeAsync(Kubectl.Debian, "prod")));

        Assert.Equal(
            bicep.OrderBy(service => service.Name).Select(service => (service.Name, Endpoints: string.Join(",", service.Endpoints.OrderBy(endpoint => endpoint.Key)))),
            manifests.OrderBy(service => service.Name).Select(service => (service.Name, Endpoints: string.Join(",", service.Endpoints.OrderBy(endpoint => endpoint.Key)))));
    }

    /// <summary>Every difference in full, one per line (xunit would cut a collection short).</summary>
    private static void AssertSame(IReadOnlyList<string> differences) =>
        Assert.True(differences.Count == 0, "Differs from the AppHost:\n" + string.Join("\n", differences));
}
