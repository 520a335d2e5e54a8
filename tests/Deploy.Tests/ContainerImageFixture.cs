using Deploy.Tests.Shapes;
using Deploy.Tests.Tools;

namespace Deploy.Tests;

/// <summary>Each service's container image settings, evaluated once per test class (eight MSBuild evaluations).</summary>
public sealed class ContainerImageFixture
{
    private readonly Lazy<Task<IReadOnlyDictionary<string, ContainerImage>>> _images = new(LoadAsync);

    public Task<IReadOnlyDictionary<string, ContainerImage>> ImagesAsync() => _images.Value;

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<int>>> PortsAsync() =>
        (await ImagesAsync()).ToDictionary(image => image.Key, image => image.Value.Ports);

    private static async Task<IReadOnlyDictionary<string, ContainerImage>> LoadAsync()
    {
        var projects = AppHostShapes.ProjectPaths(Repository.Root);
        var images = await Task.WhenAll(projects.Select(async project => (project.Key, Image: await ContainerImages.OfAsync(Repository.PathOf(project.Value)))));
        return images.ToDictionary(image => image.Key, image => image.Image);
    }
}
