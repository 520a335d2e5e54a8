using Accommodation.Hosting.Projects;

namespace AppHost.Tests.Model;

public sealed class ProjectMetadataTests
{
    public static TheoryData<IProjectMetadata, string> Projects => new()
    {
        { new Projects.Room_Api(), "services/Room.Api/Room.Api.csproj" },
        { new Projects.RoomView_Api(), "services/RoomView.Api/RoomView.Api.csproj" },
        { new Projects.Gateway(), "services/Gateway/Gateway.csproj" },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Generated_metadata_points_at_the_project_file(IProjectMetadata project, string relativePath)
    {
        Assert.True(Path.IsPathRooted(project.ProjectPath));
        Assert.EndsWith(relativePath, project.ProjectPath, StringComparison.Ordinal);
        Assert.True(File.Exists(project.ProjectPath), project.ProjectPath);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Generated_metadata_points_at_the_assembly_the_project_builds(IProjectMetadata project, string relativePath)
    {
        var projectDirectory = Path.GetDirectoryName(project.ProjectPath)!;

        Assert.StartsWith(Path.Combine(projectDirectory, "bin"), project.AssemblyPath, StringComparison.Ordinal);
        Assert.Equal($"{Path.GetFileNameWithoutExtension(relativePath)}.dll", Path.GetFileName(project.AssemblyPath));
    }
}
