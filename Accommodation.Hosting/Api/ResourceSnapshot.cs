using Accommodation.Hosting.ApplicationModel;
using Accommodation.Hosting.Orchestration;

namespace Accommodation.Hosting.Api;

/// <summary>
/// A resource as the AppHost API shows it. For services: <see cref="Url"/> is the stable endpoint callers use,
/// <see cref="Restarts"/> counts replicas replaced by self-healing. For infrastructure: <see cref="ConnectionString"/>
/// is what services get as ConnectionStrings:{name} (the API listens on loopback only). <see cref="StartedAt"/> is when the
/// resource last began starting: its uptime.
/// </summary>
public sealed record ResourceSnapshot(
    string Name,
    string Kind,
    ResourceState State,
    string? StateDetail,
    string? Url,
    IReadOnlyList<string> WaitsFor,
    int? DesiredReplicas,
    int? Restarts,
    DateTimeOffset? StartedAt,
    IReadOnlyDictionary<string, string>? EnvironmentOverrides,
    AutoscaleSnapshot? Autoscale,
    IReadOnlyList<ReplicaSnapshot> Replicas,
    string? ConnectionString);

/// <summary>A service's autoscaling settings (on or off) and what it last measured.</summary>
public sealed record AutoscaleSnapshot(AutoscaleAnnotation Settings, AutoscaleReading? LastReading);

/// <summary>One process of a service: its own URL, its named endpoints (e.g. grpc), how many requests the balancer sent it.</summary>
public sealed record ReplicaSnapshot(
    string Name,
    ReplicaState State,
    string Url,
    int? ProcessId,
    bool Healthy,
    DateTimeOffset? StartedAt,
    IReadOnlyDictionary<string, string> Endpoints,
    long Requests,
    int InFlight);
