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
    public void No_service_has_a_dockerfile()
    {
        Assert.Empty(Directory.GetFiles(Tools.Repository.PathOf("services"), "Dockerfile*", SearchOption.AllDirectories));
    }
}
