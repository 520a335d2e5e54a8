using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.LoadTests.Engine;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// The AppHost API (<c>--apphost-api</c>, loopback only): what a resource's replicas look like now, and the commands a
/// scenario gives before or while load runs (stop, start, restart, redeploy, scale, autoscale). Every command answers
/// once the AppHost has done it.
/// </summary>
public sealed class AppHostApi(HttpClient http)
{
    /// <summary>The label of the AppHost balancer's own 503: no replica of the service passed /health, so none was asked.</summary>
    public const string NoReplica = "503 no replica";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Whether an answer (its body already read) is the AppHost balancer's 503 rather than the service's own: both may
    /// carry Retry-After, only the problem details tell them apart.
    /// </summary>
    public static async Task<bool> IsNoReplicaAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable
        && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("No replica of", StringComparison.Ordinal);

    /// <summary>A resource as the AppHost shows it: state, replicas (state, health, requests), autoscaling, environment overrides.</summary>
    public async Task<ResourceView> GetResourceAsync(string name, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ResourceView>($"api/resources/{Uri.EscapeDataString(name)}", cancellationToken)
        ?? throw new ScenarioException($"The AppHost answered nothing about {name}.");

    /// <summary>How many of the resource's replicas pass their health check now.</summary>
    public async Task<int> HealthyReplicasAsync(string name, CancellationToken cancellationToken = default) =>
        (await GetResourceAsync(name, cancellationToken)).Replicas.Count(replica => replica.Healthy);

    /// <summary>Stops, starts or restarts (naively: all replicas stop, then start) a service.</summary>
    public Task<ResourceView> CommandAsync(string name, string command, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, name, command, body: null, cancellationToken);

    /// <summary>
    /// The rolling, readiness-gated redeploy; <paramref name="environment"/> is set on the new replicas and kept for later
    /// ones, like <c>kubectl set env</c>.
    /// </summary>
    public Task<ResourceView> RedeployAsync(
        string name, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, name, "redeploy", environment is null ? null : new { environment }, cancellationToken);

    /// <summary>Scales a service by hand (refused while it autoscales); answers once the replicas have started or drained.</summary>
    public Task<ResourceView> ScaleAsync(string name, int replicas, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, name, $"scale?replicas={replicas}", body: null, cancellationToken);

    public Task<ResourceView> SetAutoscaleAsync(string name, AutoscaleSettings settings, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, name, "autoscale", settings, cancellationToken);

    /// <summary>Requests the balancer has sent to the resource's replicas so far: the calls that reached it.</summary>
    public async Task<long> RequestsReceivedAsync(string name, CancellationToken cancellationToken = default) =>
        (await GetResourceAsync(name, cancellationToken)).Replicas.Sum(replica => replica.Requests);

    /// <summary>Waits until <paramref name="name"/> has as many Ready, healthy replicas as it wants (e.g. after a naive restart).</summary>
    public async Task<ResourceView> WaitUntilReadyAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var resource = await GetResourceAsync(name, cancellationToken);
            if (resource.ReadyReplicas >= Math.Max(1, resource.DesiredReplicas ?? 1))
            {
                return resource;
            }

            if (waited.Elapsed > timeout)
            {
                throw new ScenarioException(
                    $"{name} has {resource.ReadyReplicas} ready replicas of {resource.DesiredReplicas} after {waited.Elapsed.TotalSeconds:0} s (state {resource.State}).");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>A gauge of the healthy replicas of <paramref name="name"/>.</summary>
    public Gauge ReplicasGauge(string name) => new($"{name} replicas", async () => await HealthyReplicasAsync(name));

    /// <summary>A gauge of the replicas of <paramref name="name"/> that are Ready (in rotation and healthy).</summary>
    public Gauge ReadyReplicasGauge(string name) =>
        new($"{name} replicas ready", async () => (await GetResourceAsync(name)).ReadyReplicas);

    /// <summary>A gauge of how many replicas <paramref name="name"/> wants: what the autoscaler (or a scale command) asked for.</summary>
    public Gauge DesiredReplicasGauge(string name) =>
        new($"{name} replicas wanted", async () => (await GetResourceAsync(name)).DesiredReplicas ?? 0);

    private async Task<ResourceView> SendAsync(HttpMethod method, string name, string command, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"api/resources/{Uri.EscapeDataString(name)}/{command}")
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ScenarioException(
                $"The AppHost answered {(int)response.StatusCode} to {command} {name}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<ResourceView>(cancellationToken)
            ?? throw new ScenarioException($"The AppHost answered {command} {name} without the resource.");
    }
}

/// <summary>A resource as <c>GET /api/resources/{name}</c> shows it (services have replicas, autoscaling and overrides).</summary>
public sealed record ResourceView(
    string Name,
    string State,
    string? Url,
    int? DesiredReplicas,
    int? Restarts,
    IReadOnlyDictionary<string, string>? EnvironmentOverrides,
    AutoscaleView? Autoscale,
    IReadOnlyList<ReplicaView> Replicas)
{
    public int ReadyReplicas => Replicas.Count(replica => replica is { State: "Ready", Healthy: true });
}

/// <summary>One process of a service; <paramref name="Requests"/> counts what the balancer sent it.</summary>
public sealed record ReplicaView(string Name, string State, bool Healthy, long Requests, int InFlight);

/// <summary>A service's autoscaling, on or off, and its last reading (kept as the AppHost wrote it).</summary>
public sealed record AutoscaleView(AutoscaleSettings Settings, JsonElement? LastReading);

/// <summary>The body of <c>PUT /api/resources/{name}/autoscale</c>, and what <c>autoscale.settings</c> shows.</summary>
public sealed record AutoscaleSettings(
    int MinReplicas,
    int MaxReplicas,
    double? TargetInFlight = null,
    double? TargetCpuPercent = null,
    TimeSpan? ScaleInCooldown = null,
    bool Enabled = true);
