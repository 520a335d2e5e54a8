using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Orchestration;

public sealed class DependencyFailedException(IResource dependency, ResourceState state)
    : Exception($"'{dependency.Name}' is {state}")
{
    public IResource Dependency { get; } = dependency;
}
