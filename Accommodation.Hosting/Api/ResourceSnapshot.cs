using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Api;

/// <summary>A resource as the AppHost API shows it. <see cref="Url"/> is the stable endpoint callers use (services only).</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Kind,
    ResourceState State,
    string? StateDetail,
    string? Url,
    IReadOnlyList<string> WaitsFor,
    IReadOnlyList<ReplicaSnapshot> Replicas);

/// <summary>
/// One process of a service: its own URL, its named endpoints (e.g. grpc) and, behind a balancer, how many requests it
/// was sent and has in flight.
/// </summary>
public sealed record ReplicaSnapshot(
    string Name,
    string Url,
    int? ProcessId,
    bool Healthy,
    DateTimeOffset? StartedAt,
    IReadOnlyDictionary<string, string> Endpoints,
    long? Requests,
    int? InFlight);
