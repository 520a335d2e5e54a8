namespace Accommodation.Hosting.ApplicationModel;

/// <summary>How many processes of a project run side by side behind its one stable endpoint.</summary>
public sealed record ReplicasAnnotation(int Replicas) : IResourceAnnotation;
