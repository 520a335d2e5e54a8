using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.Rooms.Tests.Functional;

internal static class RoomNightsPolling
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Each night's status in <c>[from, to)</c>, as <c>GET /api/v1/rooms/{number}/nights</c> shows it.</summary>
    public static async Task<IReadOnlyList<string>> NightsAsync(this HttpClient client, string number, DateOnly from, DateOnly to)
    {
        var response = await client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}/nights?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        return [.. response.GetProperty("nights").EnumerateArray().Select(night => night.GetProperty("status").GetString()!)];
    }

    /// <summary>Polls the nights of <c>[from, to)</c> until they show <paramref name="expected"/>; fails at the deadline.</summary>
    public static async Task WaitForNightsAsync(this HttpClient client, string number, DateOnly from, DateOnly to, params string[] expected)
    {
        var deadline = DateTime.UtcNow + Timeout;
        IReadOnlyList<string> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await client.NightsAsync(number, from, to);
            if (last.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(Interval);
        }

        throw new TimeoutException($"Room {number} did not show [{string.Join(", ", expected)}] within {Timeout}; last seen: [{string.Join(", ", last)}].");
    }
}
