namespace Accommodation.Hosting.ApplicationModel;

/// <summary>The HTTP endpoint of a project: a pinned port (null = any free port) and whether it is meant for outside callers.</summary>
public sealed class HttpEndpointAnnotation : IResourceAnnotation
{
    public int? Port { get; set; }

    public bool IsExternal { get; set; }
}
