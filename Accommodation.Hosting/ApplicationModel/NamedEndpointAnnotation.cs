namespace Accommodation.Hosting.ApplicationModel;

/// <summary>
/// A second endpoint of a project (e.g. "grpc"): every replica gets its own port for it, and its URL arrives in the
/// environment variable the service reads (<see cref="EnvironmentVariable"/>). Not balanced: callers use a replica's URL.
/// </summary>
public sealed record NamedEndpointAnnotation(string Name, string EnvironmentVariable) : IResourceAnnotation;
