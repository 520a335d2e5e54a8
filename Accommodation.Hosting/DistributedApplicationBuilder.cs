using System.Reflection;
using System.Text.RegularExpressions;
using Accommodation.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting;

/// <summary>
/// Collects the resources of the distributed application. Configuration comes from the AppHost's appsettings.json,
/// environment variables and the command line (e.g. --Resources:kafka:Port=19092), in that order.
/// </summary>
public sealed partial class DistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];

    internal DistributedApplicationBuilder(string[] args, Assembly appHost)
    {
        AppHostDirectory = FindAppHostDirectory(appHost);
        Configuration = new ConfigurationManager();
        Configuration.SetBasePath(AppHostDirectory);
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development";
        Configuration
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
    }

    public ConfigurationManager Configuration { get; }

    /// <summary>The AppHost project's folder: relative paths (the data folder) start here.</summary>
    public string AppHostDirectory { get; }

    /// <summary>Where local servers keep their data between runs (AppHost:DataDirectory, default ".data").</summary>
    public string DataDirectory => Path.GetFullPath(Configuration["AppHost:DataDirectory"] ?? ".data", AppHostDirectory);

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        if (!ResourceName().IsMatch(resource.Name))
        {
            throw new ArgumentException($"Resource name '{resource.Name}' must be lower-case letters, digits and hyphens, starting with a letter.");
        }

        if (_resources.Any(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>The port configured as Resources:{name}:Port, if any.</summary>
    public int? GetConfiguredPort(string resourceName) => Configuration.GetValue<int?>($"Resources:{resourceName}:Port");

    public DistributedApplication Build() => new(new DistributedApplicationModel(_resources, Configuration, DataDirectory));

    private static string FindAppHostDirectory(Assembly appHost)
    {
        // Written at build time, so `dotnet run` from any folder finds appsettings.json and .data next to the project.
        var projectDirectory = appHost.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "AppHostProjectDirectory")?.Value;
        return projectDirectory is not null && Directory.Exists(projectDirectory) ? projectDirectory : AppContext.BaseDirectory;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ResourceName();
}
