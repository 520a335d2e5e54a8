using Accommodation.Dashboard.Frontend;
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
        ApiPort = configuration.GetValue<int?>("AppHost:Port") ?? DefaultApiPort;
        ExternalOtlpEndpoint = configuration["AppHost:OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : null;
        OtlpProtocol = configuration["AppHost:OtlpProtocol"] is { Length: > 0 } protocol ? protocol : "http/protobuf";
        // Aspire's contract: the services send a key with their telemetry, so no other local process can feed the dashboard.
        OtlpApiKey = ExternalOtlpEndpoint is null && configuration["Dashboard:Otlp:AuthMode"] is not "Unsecured"
            ? configuration["Dashboard:Otlp:PrimaryApiKey"] is { Length: > 0 } key ? key : DashboardFrontendOptions.NewToken()
            : null;
        Dashboard = configuration.GetSection(DashboardFrontendOptions.SectionName).Get<DashboardFrontendOptions>() ?? new DashboardFrontendOptions();
        if (Dashboard.AuthMode == DashboardAuthMode.BrowserToken && string.IsNullOrWhiteSpace(Dashboard.BrowserToken))
        {
            Dashboard.BrowserToken = DashboardFrontendOptions.NewToken();
        }
        ThrowIfInvalid();
    }

    public IReadOnlyList<IResource> Resources { get; }

    public IConfiguration Configuration { get; }

    public string DataDirectory { get; }

    /// <summary>The AppHost's own port (AppHost:Port): its API, the dashboard and the OTLP receiver.</summary>
    public const int DefaultApiPort = 18888;

    public int ApiPort { get; }

    /// <summary>Another OTLP endpoint the services export to instead of the dashboard (AppHost:OtlpEndpoint), e.g. a collector.</summary>
    public string? ExternalOtlpEndpoint { get; }

    /// <summary>Passed to projects as OTEL_EXPORTER_OTLP_ENDPOINT: the external one, or the AppHost's own receiver.</summary>
    public string OtlpEndpoint => ExternalOtlpEndpoint ?? $"http://127.0.0.1:{ApiPort}";

    /// <summary>OTEL_EXPORTER_OTLP_PROTOCOL (AppHost:OtlpProtocol): http/protobuf, which the dashboard receives; grpc for others.</summary>
    public string OtlpProtocol { get; }

    /// <summary>The key the services send with their telemetry to the AppHost's receiver; null when it takes any, or they export elsewhere.</summary>
    public string? OtlpApiKey { get; }

    /// <summary>Who may open the dashboard and call the API (Dashboard:Frontend): the login token, or explicitly nobody checked.</summary>
    public DashboardFrontendOptions Dashboard { get; }

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
