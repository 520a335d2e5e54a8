using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Projects;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting;

public static class ProjectResourceExtensions
{
    /// <summary>A service project; its HTTP port is Resources:{name}:Port when configured, otherwise any free port.</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()))
            .WithAnnotation(new HttpEndpointAnnotation { Port = builder.GetConfiguredPort(name) });

    /// <summary>Pins the HTTP port (configuration Resources:{name}:Port still wins).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        var endpoint = builder.Resource.GetHttpEndpoint()!;
        endpoint.Port = builder.ApplicationBuilder.GetConfiguredPort(builder.Resource.Name) ?? port;
        return builder;
    }

    /// <summary>Marks the HTTP endpoint as the one users call; its URL is printed once everything is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.GetHttpEndpoint()!.IsExternal = true;
        return builder;
    }

    /// <summary>
    /// Gives the project a second endpoint named <paramref name="name"/> on a free port of its own, passed to it as a
    /// URL in <paramref name="env"/> (e.g. Reservation__GrpcUrl for an HTTP/2-only gRPC listener).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithEndpoint(this IResourceBuilder<ProjectResource> builder, string name, string env)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(env);
        if (name == "http" || builder.Resource.GetNamedEndpoints().Any(endpoint => endpoint.Name == name))
        {
            throw new InvalidOperationException($"'{builder.Resource.Name}' already has an endpoint named '{name}'.");
        }

        return builder.WithAnnotation(new NamedEndpointAnnotation(name, env));
    }

    /// <summary>
    /// Runs <paramref name="replicas"/> processes of the project behind its one stable endpoint, which balances requests
    /// across the healthy ones (Resources:{name}:Replicas still wins). Callers keep using http://{name}.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        var configured = builder.ApplicationBuilder.Configuration.GetValue<int?>($"Resources:{builder.Resource.Name}:Replicas") ?? replicas;
        ArgumentOutOfRangeException.ThrowIfLessThan(configured, 1, nameof(replicas));
        return builder.WithAnnotation(new ReplicasAnnotation(configured));
    }

    /// <summary>
    /// Scales the service between <paramref name="minReplicas"/> and <paramref name="maxReplicas"/> replicas to keep
    /// about <paramref name="targetInFlight"/> requests in flight per replica (or <paramref name="targetCpuPercent"/> of a
    /// core). Resources:{name}:Autoscale:* overrides every value (Enabled, MinReplicas, MaxReplicas, TargetInFlight,
    /// TargetCpuPercent, ScaleInCooldown).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAutoscaling(
        this IResourceBuilder<ProjectResource> builder,
        int minReplicas,
        int maxReplicas,
        double? targetInFlight = null,
        double? targetCpuPercent = null,
        TimeSpan? scaleInCooldown = null)
    {
        var section = builder.ApplicationBuilder.Configuration.GetSection($"Resources:{builder.Resource.Name}:Autoscale");
        var autoscale = new AutoscaleAnnotation(
            section.GetValue("MinReplicas", minReplicas),
            section.GetValue("MaxReplicas", maxReplicas),
            section.GetValue("TargetInFlight", targetInFlight),
            section.GetValue("TargetCpuPercent", targetCpuPercent),
            section.GetValue("ScaleInCooldown", scaleInCooldown),
            section.GetValue("Enabled", true));
        if (autoscale.Problem() is { } problem)
        {
            throw new ArgumentException($"Autoscaling of '{builder.Resource.Name}': {problem}");
        }

        // Start at the minimum; the autoscaler adds replicas when the load asks for them.
        return builder.WithAnnotation(autoscale).WithAnnotation(new ReplicasAnnotation(autoscale.MinReplicas));
    }
}
