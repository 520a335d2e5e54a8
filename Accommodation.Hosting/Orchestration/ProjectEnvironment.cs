using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Kafka;
using Accommodation.Hosting.Projects;

namespace Accommodation.Hosting.Orchestration;

/// <summary>The environment a project is started with: Aspire's contract, so a service runs unchanged under either AppHost.</summary>
public static class ProjectEnvironment
{
    public static IReadOnlyDictionary<string, string> Build(
        ProjectResource project,
        DistributedApplicationModel model,
        Func<IResourceWithConnectionString, string> connectionStringOf,
        Func<ProjectResource, string> httpUrlOf)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = httpUrlOf(project),
        };

        if (model.OtlpEndpoint is { } otlpEndpoint)
        {
            environment["OTEL_SERVICE_NAME"] = project.Name;
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
        }

        foreach (var reference in project.GetReferences())
        {
            switch (reference)
            {
                case ProjectResource service:
                    environment[$"services__{service.Name}__http__0"] = httpUrlOf(service);
                    break;
                case IResourceWithConnectionString connectable:
                    environment[$"ConnectionStrings__{connectable.Name}"] = connectionStringOf(connectable);
                    break;
            }

            if (reference is KafkaResource kafka)
            {
                foreach (var (name, value) in kafka.ClientEnvironment)
                {
                    environment[name] = value;
                }
            }
        }

        foreach (var variable in project.Annotations.OfType<EnvironmentVariableAnnotation>())
        {
            environment[variable.Name] = variable.Value;
        }

        return environment;
    }
}
