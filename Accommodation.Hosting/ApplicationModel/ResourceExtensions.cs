namespace Accommodation.Hosting.ApplicationModel;

public static class ResourceExtensions
{
    public static IEnumerable<IResource> GetReferences(this IResource resource) =>
        resource.Annotations.OfType<ResourceReferenceAnnotation>().Select(annotation => annotation.Resource).Distinct();

    public static IEnumerable<IResource> GetWaitDependencies(this IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(annotation => annotation.Resource).Distinct();

    /// <summary>Everything that must be stopped after this resource: its parent, what it references and waits for.</summary>
    public static IEnumerable<IResource> GetDependencies(this IResource resource) =>
        (resource is IResourceWithParent child ? [child.Parent] : Enumerable.Empty<IResource>())
            .Concat(resource.GetReferences())
            .Concat(resource.GetWaitDependencies())
            .Distinct();

    public static HttpEndpointAnnotation? GetHttpEndpoint(this IResource resource) =>
        resource.Annotations.OfType<HttpEndpointAnnotation>().SingleOrDefault();

    /// <summary>1 unless the resource was given <see cref="ReplicasAnnotation"/>.</summary>
    public static int GetReplicaCount(this IResource resource) =>
        resource.Annotations.OfType<ReplicasAnnotation>().LastOrDefault()?.Replicas ?? 1;

    public static IEnumerable<NamedEndpointAnnotation> GetNamedEndpoints(this IResource resource) =>
        resource.Annotations.OfType<NamedEndpointAnnotation>();
}
