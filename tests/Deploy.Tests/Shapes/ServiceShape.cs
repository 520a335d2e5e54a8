namespace Deploy.Tests.Shapes;

/// <summary>
/// What a deployment says about one service, in the AppHost's terms: its endpoints, the connection strings and services
/// it is given, the settings it is started with, whether the internet reaches it, how many replicas run and where it is
/// probed. Each target (the AppHost, Bicep, the Kubernetes manifests) is read into these, then compared.
/// </summary>
public sealed record ServiceShape
{
    public required string Name { get; init; }

    /// <summary>Endpoint name → the port the container listens on; null where the AppHost picks a free port.</summary>
    public required IReadOnlyDictionary<string, int?> Endpoints { get; init; }

    /// <summary>Names of the ConnectionStrings__{name} the service is given.</summary>
    public required IReadOnlySet<string> Connections { get; init; }

    /// <summary>Services it calls, each given as services__{name}__http__0.</summary>
    public required IReadOnlySet<string> References { get; init; }

    /// <summary>Every other environment variable it is given (the AppHost's WithEnvironment and endpoint variables).</summary>
    public required IReadOnlySet<string> Settings { get; init; }

    public required bool External { get; init; }

    public required int MinReplicas { get; init; }

    /// <summary>The autoscaler's ceiling; null when the count is fixed.</summary>
    public int? MaxReplicas { get; init; }

    public string? StartupPath { get; init; }

    public string? ReadinessPath { get; init; }

    public string? LivenessPath { get; init; }
}
