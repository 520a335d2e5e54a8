using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.LoadTests.Engine;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// The AppHost API (<c>--apphost-api</c>, loopback only): what a resource's replicas look like now, and the stop, start and
/// restart commands a scenario can give while load runs.
/// </summary>
public sealed class AppHostApi(HttpClient http)
{
    /// <summary>A resource as the AppHost shows it: name, kind, state, url, replicas (pid, health, requests).</summary>
    public async Task<JsonElement> GetResourceAsync(string name, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<JsonElement>($"api/resources/{Uri.EscapeDataString(name)}", cancellationToken);

    /// <summary>How many of the resource's replicas pass their health check now.</summary>
    public async Task<int> HealthyReplicasAsync(string name, CancellationToken cancellationToken = default)
    {
        var resource = await GetResourceAsync(name, cancellationToken);
        return resource.TryGetProperty("replicas", out var replicas)
            ? replicas.EnumerateArray().Count(replica => replica.TryGetProperty("healthy", out var healthy) && healthy.GetBoolean())
            : 0;
    }

    /// <summary>Stops, starts or restarts a service; answers when the AppHost has done it.</summary>
    public async Task CommandAsync(string name, string command, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync($"api/resources/{Uri.EscapeDataString(name)}/{command}", content: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ScenarioException(
                $"The AppHost answered {(int)response.StatusCode} to {command} {name}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>A gauge of the healthy replicas of <paramref name="name"/>, e.g. "payment replicas" for an autoscaling run.</summary>
    public Gauge ReplicasGauge(string name) => new($"{name} replicas", async () => await HealthyReplicasAsync(name));
}
