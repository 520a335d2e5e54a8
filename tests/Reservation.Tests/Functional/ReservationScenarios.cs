using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Accommodation.Reservations.Tests.Functional;

internal static class ReservationScenarios
{
    private static readonly TimeZoneInfo Hotel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    /// <summary>Today where the hotel is, as the service counts it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Hotel).DateTime);

    public static DateOnly Day(int fromToday) => Today.AddDays(fromToday);

    /// <summary>Reserves as the customer whose token <paramref name="client"/> carries.</summary>
    public static Task<HttpResponseMessage> ReserveAsync(this HttpClient client, string roomNumber, DateOnly checkIn, DateOnly checkOut) =>
        client.PostAsJsonAsync("/api/v1/reservations", new { roomNumber, checkIn, checkOut });

    /// <summary>Reserves and asserts 201; returns the reservation's JSON.</summary>
    public static async Task<JsonElement> ReservedAsync(this HttpClient client, string roomNumber, DateOnly checkIn, DateOnly checkOut)
    {
        var response = await client.ReserveAsync(roomNumber, checkIn, checkOut);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string number, string action) =>
        client.PostAsync($"/api/v1/reservations/{number}/{action}", content: null);

    public static async Task<JsonElement> GetReservationAsync(this HttpClient client, string number) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{number}");

    public static string Number(this JsonElement reservation) => reservation.GetProperty("number").GetString()!;

    public static string Status(this JsonElement reservation) => reservation.GetProperty("status").GetString()!;
}
