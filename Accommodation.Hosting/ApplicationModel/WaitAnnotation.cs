namespace Accommodation.Hosting.ApplicationModel;

/// <summary>The annotated resource starts only once <see cref="Resource"/> is healthy.</summary>
public sealed record WaitAnnotation(IResource Resource) : IResourceAnnotation;
