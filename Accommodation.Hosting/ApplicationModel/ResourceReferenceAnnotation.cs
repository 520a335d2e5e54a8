namespace Accommodation.Hosting.ApplicationModel;

/// <summary>The annotated resource is given the connection string or endpoint of <see cref="Resource"/>.</summary>
public sealed record ResourceReferenceAnnotation(IResource Resource) : IResourceAnnotation;
