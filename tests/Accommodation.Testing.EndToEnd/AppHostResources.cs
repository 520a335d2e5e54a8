using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.Testing.EndToEnd;

/// <summary>The AppHost API as the tests use it: read a resource, stop, start or restart a service.</summary>
public sealed class AppHostResources(HttpClient api)
{
    public async Task<JsonElement> GetAsync(string name) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/resources/{name}");

    public async Task<JsonElement> CommandAsync(string name, string command, object? body = null)
    {
        using var response = body is null
            ? await api.PostAsync($"/api/resources/{name}/{command}", content: null)
            : await api.PostAsJsonAsync($"/api/resources/{name}/{command}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{command} {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> WaitUntilHealthyAsync(string name) =>
        Eventually.GetJsonAsync(api, $"/api/resources/{name}", resource => State(resource) == "Healthy", TimeSpan.FromSeconds(90));

    /// <summary>Leaves a shared system whole for the next test, whatever a test did: a stopped resource is started again.</summary>
    public async Task EnsureRunningAsync(string name)
    {
        if (State(await GetAsync(name)) is "Exited")
        {
            await CommandAsync(name, "start");
        }

        await WaitUntilHealthyAsync(name);
    }

    public static string? State(JsonElement resource) => resource.GetProperty("state").GetString();

    public static IReadOnlyList<JsonElement> Replicas(JsonElement resource) => [.. resource.GetProperty("replicas").EnumerateArray()];
}
