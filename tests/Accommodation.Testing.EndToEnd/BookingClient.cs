using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.LoadTests.Access;

namespace Accommodation.Testing.EndToEnd;

/// <summary>
/// What a manager and one customer do through the gateway, and the views they read; one customer per instance. The
/// customer is a synthetic one of the load-test client (its own token); the system's gateway client is the manager.
/// </summary>
public sealed class BookingClient
{
    private static readonly TimeZoneInfo Hotel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    /// <param name="system">The running system: its gateway and the load-test client's tokens.</param>
    /// <param name="connection">What the customer's requests go through (default: the system's connections).</param>
    public BookingClient(RunningSystemFixture system, HttpMessageHandler? connection = null)
    {
        Manager = system.Gateway;
        Customer = $"{ClientCredentials.CustomerPrefix}{Guid.NewGuid():N}"[..17];
        var customerToken = new BearerTokenHandler(system.Tokens, Customer) { InnerHandler = connection ?? system.Connections };
        Gateway = new HttpClient(customerToken, disposeHandler: false) { BaseAddress = system.Gateway.BaseAddress, Timeout = system.Gateway.Timeout };
    }

    /// <summary>The customer's own client: every request carries their token.</summary>
    public HttpClient Gateway { get; }

    /// <summary>The manager's client (the load-test client's own token): rooms and check-outs.</summary>
    public HttpClient Manager { get; }

    /// <summary>The customer's id: a synthetic customer of the load-test client, new for each instance.</summary>
    public string Customer { get; }

    public static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, Hotel));

    public async Task<string> RegisterRoomAsync(decimal pricePerNight)
    {
        var number = $"E{Random.Shared.Next(100_000, 999_999)}";
        using var registered = await Manager.PostAsJsonAsync("/api/v1/rooms", new { number, type = "Deluxe", name = "Ocean view", pricePerNight });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return number;
    }

    /// <summary>Reservation knows rooms from room-events (its own catalog replica), so a brand-new room is unknown for a moment.</summary>
    public async Task<JsonElement> ReserveAsync(string room, DateOnly checkIn, DateOnly checkOut)
    {
        using var reserved = await RetryUntilAsync(
            () => Gateway.PostAsJsonAsync("/api/v1/reservations", new { roomNumber = room, checkIn, checkOut }),
            HttpStatusCode.Created);
        return await reserved.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Pays, and pays again while the answer is "payment busy, pay later" (503), as a customer would.</summary>
    public async Task<JsonElement> PayAsync(string number)
    {
        using var paid = await RetryUntilAsync(() => Gateway.PostAsync($"/api/v1/reservations/{number}/pay", content: null), HttpStatusCode.OK);
        return await paid.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> CancelAsync(string number)
    {
        using var cancelled = await Gateway.PostAsync($"/api/v1/reservations/{number}/cancel", content: null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        return await cancelled.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> RetryUntilAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var response = await send();
            if (response.StatusCode == expected)
            {
                return response;
            }

            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            Assert.True(DateTime.UtcNow < until, $"expected {expected}, still {(int)response.StatusCode}: {body}");
            await Task.Delay(200);
        }
    }

    /// <summary>Room's own record of each night (room service).</summary>
    public static string Nights(string room, DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/rooms/{room}/nights?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

    public string MyReservations() => $"/api/v1/customers/{Customer}/reservations";

    public string MyReservation(string number) => $"/api/v1/customers/{Customer}/reservations/{number}";

    public string Notices(string number) => $"/api/v1/notices?customerId={Customer}&reservationNumber={number}";

    public static bool AllNights(JsonElement nights, string status) =>
        nights.GetProperty("nights").EnumerateArray().All(night => night.GetProperty("status").GetString() == status);

    public static string? PaymentStatus(JsonElement view) =>
        view.GetProperty("payment") is { ValueKind: JsonValueKind.Object } payment ? payment.GetProperty("status").GetString() : null;

    public static HashSet<string> SentNoticeKinds(JsonElement notices) =>
    [
        .. notices.GetProperty("data").EnumerateArray()
            .Where(notice => notice.GetProperty("status").GetString() == "Sent")
            .Select(notice => notice.GetProperty("kind").GetString()!),
    ];
}
