using Accommodation.Dashboard.Otlp;
using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Kafka;
using Accommodation.Hosting.Projects;

namespace Accommodation.Hosting.Orchestration;

/// <summary>The environment a project is started with: Aspire's contract, so a service runs unchanged under either AppHost.</summary>
internal static class ProjectEnvironment
{
    /// <summary>
    /// The variables of one process of <paramref name="project"/>: it listens on its replica's URLs, while what it
    /// references is reached at their stable URLs (<paramref name="httpUrlOf"/>) and connection strings.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Build(
        ProjectResource project,
        ProjectReplica replica,
        DistributedApplicationModel model,
        Func<IResourceWithConnectionString, string> connectionStringOf,
        Func<ProjectResource, string> httpUrlOf)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = replica.Url,
        };

        // The OpenTelemetry standard variables: the services know no dashboard, only an OTLP endpoint.
        environment["OTEL_SERVICE_NAME"] = project.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={replica.Name}";
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = model.OtlpEndpoint;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = model.OtlpProtocol;
        if (model.OtlpApiKey is { } apiKey)
        {
            environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"{OtlpHttpReceiver.ApiKeyHeader}={apiKey}";
        }

        // Spans and logs within a second, as Aspire's AppHost sets for development; metrics every five.
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "5000";

        if (replica.LivenessFile is { } livenessFile)
        {
            // ServiceDefaults' Health:LivenessFile: /alive fails once the AppHost deletes it.
            environment["Health__LivenessFile"] = livenessFile;
        }

        foreach (var endpoint in project.GetNamedEndpoints())
        {
            environment[endpoint.EnvironmentVariable] = replica.NamedEndpoints[endpoint.Name];
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

        foreach (var variable in project.Annotations.OfType<EndpointEnvironmentAnnotation>())
        {
            environment[variable.Name] = variable.Path.Length == 0
                ? httpUrlOf(variable.Endpoint.Resource)
                : httpUrlOf(variable.Endpoint.Resource).TrimEnd('/') + variable.Path;
        }

        // Resources:{name}:Environment:{VARIABLE}=value from the AppHost's configuration comes last, e.g. on its command line.
        foreach (var variable in model.Configuration.GetSection($"Resources:{project.Name}:Environment").GetChildren())
        {
            environment[variable.Key] = variable.Value ?? "";
        }

        return environment;
    }
}
