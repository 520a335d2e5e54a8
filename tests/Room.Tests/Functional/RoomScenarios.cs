using System.Net;
using System.Net.Http.Json;

namespace Accommodation.Rooms.Tests.Functional;

internal static class RoomScenarios
{
    /// <summary>A room number no other test uses (room numbers are at most 10 characters).</summary>
    public static string NewRoomNumber() => $"T{Guid.NewGuid():N}"[..10].ToUpperInvariant();

    public static Task<HttpResponseMessage> RegisterAsync(
        this HttpClient client, string number, string type = "Deluxe", string name = "Deluxe ocean view", decimal pricePerNight = 120_000m) =>
        client.PostAsJsonAsync("/api/v1/rooms", new { number, type, name, pricePerNight });

    /// <summary>Registers a room of a new number (the client must be a manager's); its number.</summary>
    public static async Task<string> RegisterNewRoomAsync(this HttpClient client)
    {
        var number = NewRoomNumber();
        using var registered = await client.RegisterAsync(number);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return number;
    }
}
