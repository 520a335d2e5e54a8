using Accommodation.Hosting;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Orchestration;
using Accommodation.Hosting.Projects;

namespace Deploy.Tests.Shapes;

/// <summary>The services as Accommodation.AppHost/Program.cs declares them: the model every deployment must match.</summary>
internal static class AppHostShapes
{
    public static IReadOnlyList<ServiceShape> Load() =>
        DistributedApplication.LoadModel(typeof(Projects.Gateway).Assembly).Resources
            .OfType<ProjectResource>()
            .Select(Of)
            .ToList();

    /// <summary>The project file of each service, relative to the repository root (azure.yaml's project paths).</summary>
    public static IReadOnlyDictionary<string, string> ProjectPaths(string repositoryRoot) =>
        DistributedApplication.LoadModel(typeof(Projects.Gateway).Assembly).Resources
            .OfType<ProjectResource>()
            .ToDictionary(project => project.Name, project => Path.GetRelativePath(repositoryRoot, project.Metadata.ProjectPath));

    private static ServiceShape Of(ProjectResource project)
    {
        var references = project.GetReferences().ToList();
        var autoscale = project.Annotations.OfType<AutoscaleAnnotation>().LastOrDefault(annotation => annotation.Enabled);
        return new ServiceShape
        {
            Name = project.Name,
            Endpoints = project.GetNamedEndpoints()
                .ToDictionary(endpoint => endpoint.Name, _ => (int?)null)
                .Append(new KeyValuePair<string, int?>("http", null))
                .ToDictionary(),
            Connections = references.OfType<IResourceWithConnectionString>().Select(resource => resource.Name).ToHashSet(),
            References = references.OfType<ProjectResource>().Select(resource => resource.Name).ToHashSet(),
            Settings = project.Annotations.OfType<EnvironmentVariableAnnotation>().Select(variable => variable.Name)
                .Concat(project.Annotations.OfType<EndpointEnvironmentAnnotation>().Select(variable => variable.Name))
                .Concat(project.GetNamedEndpoints().Select(endpoint => endpoint.EnvironmentVariable))
                .ToHashSet(),
            External = project.GetHttpEndpoint()?.IsExternal == true,
            MinReplicas = autoscale?.MinReplicas ?? project.GetReplicaCount(),
            MaxReplicas = autoscale?.MaxReplicas,
            StartupPath = HealthProbePaths.Readiness,
            ReadinessPath = HealthProbePaths.Readiness,
            LivenessPath = HealthProbePaths.Liveness,
        };
    }
}
