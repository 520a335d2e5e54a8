using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.RoomView.Tests.Functional;

internal static class RoomInfoPolling
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <c>GET /api/v1/roominfos/{number}</c> until it shows <paramref name="version"/>; fails at the deadline.</summary>
    public static async Task<JsonElement> WaitForVersionAsync(this HttpClient client, string number, int version)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync($"/api/v1/roominfos/{number}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var roomInfo = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (roomInfo.GetProperty("version").GetInt32() == version)
                {
                    return roomInfo;
                }

                last = roomInfo.ToString();
            }

            await Task.Delay(Interval);
        }

        throw new TimeoutException($"Room {number} did not reach version {version} within {Timeout}; last seen: {last}.");
    }

    /// <summary>A room number no other test uses.</summary>
    public static string NewRoomNumber() => $"V{Guid.NewGuid():N}"[..10].ToUpperInvariant();
}
