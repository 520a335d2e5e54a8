namespace Accommodation.Hosting.ApplicationModel;

public sealed record EnvironmentVariableAnnotation(string Name, string Value) : IResourceAnnotation;
