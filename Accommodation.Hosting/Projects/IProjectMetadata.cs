namespace Accommodation.Hosting.Projects;

/// <summary>
/// Where a service project is, as Aspire's IProjectMetadata; the classes in the Projects namespace implementing it
/// are generated at build time from the AppHost's ProjectReference items marked IsAppHostProjectResource="true".
/// </summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the .csproj.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the built .dll in the configuration the AppHost was built with.</summary>
    string AssemblyPath { get; }
}
