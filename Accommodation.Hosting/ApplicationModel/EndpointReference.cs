using Accommodation.Hosting.Projects;

namespace Accommodation.Hosting.ApplicationModel;

/// <summary>A project's stable HTTP endpoint, whose URL is known once the AppHost has given out ports (Aspire's EndpointReference).</summary>
public sealed record EndpointReference(ProjectResource Resource);

/// <summary>An environment variable whose value is <see cref="Endpoint"/>'s URL, followed by <see cref="Path"/>.</summary>
public sealed record EndpointEnvironmentAnnotation(string Name, EndpointReference Endpoint, string Path = "") : IResourceAnnotation;
