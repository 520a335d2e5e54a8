namespace Deploy.Tests;

/// <summary>Every service publishes as a container image with the SDK (`dotnet publish -t:PublishContainer`), no Dockerfile.</summary>
public sealed class ContainerImageTests(ContainerImageFixture images) : IClassFixture<ContainerImageFixture>
{
    [Fact]
    public async Task Each_service_image_is_named_after_it_runs_as_a_non_root_user_and_listens_on_8080()
    {
        foreach (var (service, image) in await images.ImagesAsync())
        {
            Assert.Equal($"accommodation/{service}", image.Repository);
            Assert.Equal("app", image.User);
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", image.BaseImage);
            Assert.Contains(8080, image.Ports);
        }
    }

    [Fact]
    public async Task Each_service_runs_with_the_settings_for_sharing_a_few_cores()
    {
        // docs/performance.md: workstation GC, no thread-pool spinning, a 2 MB first generation, no dynamic PGO.
        foreach (var (service, image) in await images.ImagesAsync())
        {
            Assert.False(image.ServerGarbageCollection, service);
            Assert.Equal("0", image.RuntimeOptions.GetValueOrDefault("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"));
            Assert.Equal("2097152", image.RuntimeOptions.GetValueOrDefault("System.GC.Gen0Size"));
            Assert.Equal("false", image.RuntimeOptions.GetValueOrDefault("System.Runtime.TieredPGO"));
        }
    }

    [Fact]
    public void No_service_has_a_dockerfile()
    {
        Assert.Empty(Directory.GetFiles(Tools.Repository.PathOf("services"), "Dockerfile*", SearchOption.AllDirectories));
    }
}
