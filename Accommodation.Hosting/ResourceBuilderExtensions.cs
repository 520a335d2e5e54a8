using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Projects;

namespace Accommodation.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>Passes the source's connection string as ConnectionStrings__{source name}.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> source) =>
        builder.WithAnnotation(new ResourceReferenceAnnotation(source.Resource));

    /// <summary>Passes the project's endpoint for service discovery as services__{name}__http__0.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> source) =>
        builder.WithAnnotation(new ResourceReferenceAnnotation(source.Resource));

    /// <summary>Starts the resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResource =>
        builder.WithAnnotation(new EnvironmentVariableAnnotation(name, value));

    /// <summary>
    /// Passes <paramref name="endpoint"/>'s URL as <paramref name="name"/>, without waiting for it: e.g. the gateway's
    /// public address to identity, which names it as its issuer while the gateway routes to identity.
    /// </summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, EndpointReference endpoint)
        where T : IResource =>
        builder.WithAnnotation(new EndpointEnvironmentAnnotation(name, endpoint));

    /// <summary>Passes <paramref name="endpoint"/>'s URL followed by <paramref name="path"/>: e.g. a sign-in callback on the gateway.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, EndpointReference endpoint, string path)
        where T : IResource =>
        builder.WithAnnotation(new EndpointEnvironmentAnnotation(name, endpoint, path));

    /// <summary>The project's HTTP endpoint, to pass to another resource (only "http" exists).</summary>
    public static EndpointReference GetEndpoint(this IResourceBuilder<ProjectResource> builder, string name) =>
        name == "http"
            ? new EndpointReference(builder.Resource)
            : throw new ArgumentException($"'{builder.Resource.Name}' has no endpoint '{name}' to reference; only 'http'.", nameof(name));
}
