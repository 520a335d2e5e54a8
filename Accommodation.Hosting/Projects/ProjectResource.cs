using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Projects;

/// <summary>A .NET service of this repository, run from its build output with one HTTP endpoint.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata) : Resource(name)
{
    public IProjectMetadata Metadata { get; } = metadata;

    public string ProjectDirectory => Path.GetDirectoryName(Metadata.ProjectPath)!;
}
