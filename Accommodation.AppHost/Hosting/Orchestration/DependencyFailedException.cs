using Accommodation.AppHost.Hosting.ApplicationModel;

namespace Accommodation.AppHost.Hosting.Orchestration;

public sealed class DependencyFailedException(IResource dependency, ResourceState state)
    : Exception($"'{dependency.Name}' is {state}")
{
    public IResource Dependency { get; } = dependency;
}
