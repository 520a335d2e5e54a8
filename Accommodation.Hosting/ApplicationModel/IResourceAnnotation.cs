namespace Accommodation.Hosting.ApplicationModel;

/// <summary>A piece of behaviour attached to a resource (a reference, a wait, an endpoint, ...).</summary>
public interface IResourceAnnotation;
