using System.Text.Json;

namespace Reliability.Tests.Support;

/// <summary>The processes of a service as the AppHost API shows them, to tell a crashed-and-replaced replica from a survivor.</summary>
public static class Replicas
{
    public static async Task<IReadOnlySet<int>> ProcessIdsAsync(AppHostResources resources, string service) =>
        ProcessIds(await resources.GetAsync(service));

    /// <summary>Waits until every replica is ready and healthy and at least one is a new process (the crashed one's replacement).</summary>
    public static Task<JsonElement> WaitUntilReplacedAsync(HttpClient appHostApi, string service, IReadOnlySet<int> before) =>
        Eventually.GetJsonAsync(appHostApi, $"/api/resources/{service}", resource =>
            ProcessIds(resource) is { Count: > 0 } now && !now.IsSubsetOf(before)
            && AppHostResources.Replicas(resource).All(replica => replica.GetProperty("healthy").GetBoolean()),
            TimeSpan.FromSeconds(90));

    private static HashSet<int> ProcessIds(JsonElement resource) =>
    [
        .. AppHostResources.Replicas(resource)
            .Where(replica => replica.GetProperty("processId").ValueKind == JsonValueKind.Number)
            .Select(replica => replica.GetProperty("processId").GetInt32()),
    ];
}
