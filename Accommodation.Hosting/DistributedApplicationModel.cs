using Accommodation.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting;

/// <summary>The finished, validated set of resources; nothing here starts anything.</summary>
public sealed class DistributedApplicationModel
{
    internal DistributedApplicationModel(IReadOnlyList<IResource> resources, IConfiguration configuration, string dataDirectory)
    {
        Resources = resources;
        Configuration = configuration;
        DataDirectory = dataDirectory;
        OtlpEndpoint = configuration["AppHost:OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : null;
        ThrowIfInvalid();
    }

    public IReadOnlyList<IResource> Resources { get; }

    public IConfiguration Configuration { get; }

    public string DataDirectory { get; }

    /// <summary>Passed to projects as OTEL_EXPORTER_OTLP_ENDPOINT when configured (AppHost:OtlpEndpoint).</summary>
    public string? OtlpEndpoint { get; }

    public IResource Get(string name) =>
        Resources.SingleOrDefault(resource => resource.Name == name) ?? throw new KeyNotFoundException($"No resource named '{name}'.");

    private void ThrowIfInvalid()
    {
        foreach (var resource in Resources)
        {
            foreach (var dependency in resource.GetDependencies().Where(dependency => !Resources.Contains(dependency)))
            {
                throw new InvalidOperationException($"'{resource.Name}' depends on '{dependency.Name}', which is not part of this application.");
            }
        }

        var visiting = new HashSet<IResource>();
        var done = new HashSet<IResource>();
        foreach (var resource in Resources)
        {
            ThrowIfCycle(resource, visiting, done);
        }
    }

    private static void ThrowIfCycle(IResource resource, HashSet<IResource> visiting, HashSet<IResource> done)
    {
        if (done.Contains(resource))
        {
            return;
        }

        if (!visiting.Add(resource))
        {
            throw new InvalidOperationException($"'{resource.Name}' depends on itself through its references or waits.");
        }

        foreach (var dependency in resource.GetDependencies())
        {
            ThrowIfCycle(dependency, visiting, done);
        }

        visiting.Remove(resource);
        done.Add(resource);
    }
}
