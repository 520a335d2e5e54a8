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

    public static Task<HttpResponseMessage> ReserveAsync(this HttpClient client, string roomNumber, DateOnly checkIn, DateOnly checkOut,
        string customerId = "9805") =>
        client.PostAsJsonAsync("/api/reservations", new { customerId, roomNumber, checkIn, checkOut });

    /// <summary>Reserves and asserts 201; returns the reservation's JSON.</summary>
    public static async Task<JsonElement> ReservedAsync(this HttpClient client, string roomNumber, DateOnly checkIn, DateOnly checkOut,
        string customerId = "9805")
    {
        var response = await client.ReserveAsync(roomNumber, checkIn, checkOut, customerId);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string number, string action) =>
        client.PostAsync($"/api/reservations/{number}/{action}", content: null);

    public static async Task<JsonElement> GetReservationAsync(this HttpClient client, string number) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/reservations/{number}");

    public static string Number(this JsonElement reservation) => reservation.GetProperty("number").GetString()!;

    public static string Status(this JsonElement reservation) => reservation.GetProperty("status").GetString()!;
}
