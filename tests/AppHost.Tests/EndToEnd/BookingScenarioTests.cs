using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// The requirements' scenario through the gateway, every service a real process: a manager registers a room, a
/// customer reserves, pays, is notified, cancels and is refunded; another stay is paid and checked out.
/// </summary>
public sealed class BookingScenarioTests(RunningSystem system, ITestOutputHelper testOutput) : IClassFixture<RunningSystem>, IDisposable
{
    private static readonly TimeZoneInfo Hotel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private readonly HttpClient _gateway = system.Gateway;
    private readonly string _customer = $"kim-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task Reserve_pay_notice_cancel_refund_and_the_nights_are_free_again()
    {
        var room = await RegisterRoomAsync(pricePerNight: 100_000);
        var checkIn = Today().AddDays(10);
        var checkOut = checkIn.AddDays(2);

        var reservation = await ReserveAsync(room, checkIn, checkOut);
        Assert.Equal("Held", reservation.GetProperty("status").GetString());
        Assert.Equal(200_000m, reservation.GetProperty("totalPrice").GetDecimal());
        var number = reservation.GetProperty("number").GetString()!;

        await Eventually.GetJsonAsync(_gateway, Nights(room, checkIn, checkOut), nights => AllNights(nights, "Unavailable"));

        using (var paid = await _gateway.PostAsync($"/api/reservations/{number}/pay", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
            Assert.Equal("Confirmed", (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        await Eventually.GetJsonAsync(_gateway, MyReservation(number), view =>
            view.GetProperty("status").GetString() == "Confirmed" && PaymentStatus(view) == "Approved");
        await Eventually.GetJsonAsync(_gateway, Notices(number), notices =>
            SentNoticeKinds(notices).IsSupersetOf(["ReservationPlaced", "ReservationConfirmed", "PaymentApproved"]));

        using (var cancelled = await _gateway.PostAsync($"/api/reservations/{number}/cancel", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        var refunded = await Eventually.GetJsonAsync(_gateway, MyReservation(number), view =>
            view.GetProperty("status").GetString() == "Cancelled" && PaymentStatus(view) == "Refunded");
        Assert.Equal(200_000m, refunded.GetProperty("payment").GetProperty("refundedAmount").GetDecimal());
        await Eventually.GetJsonAsync(_gateway, Nights(room, checkIn, checkOut), nights => AllNights(nights, "Available"));
        await Eventually.GetJsonAsync(_gateway, Notices(number), notices =>
            SentNoticeKinds(notices).IsSupersetOf(["ReservationCancelled", "PaymentRefunded"]));
    }

    [Fact]
    public async Task Reserve_pay_and_a_managers_check_out_closes_the_stay_and_frees_the_room()
    {
        var room = await RegisterRoomAsync(pricePerNight: 80_000);
        var reservation = await ReserveAsync(room, Today(), Today().AddDays(1));
        var number = reservation.GetProperty("number").GetString()!;
        await Eventually.GetJsonAsync(_gateway, $"/api/rooms/{room}", view => view.GetProperty("status").GetString() == "Unavailable");

        using (var paid = await _gateway.PostAsync($"/api/reservations/{number}/pay", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        // Room learns of the confirmation by event; the manager's check-out needs it.
        await Eventually.GetJsonAsync(_gateway, MyReservation(number), view => view.GetProperty("status").GetString() == "Confirmed");
        var checkedOut = await RetryUntilAsync(() => _gateway.PostAsync($"/api/rooms/{room}/check-out", content: null), HttpStatusCode.Accepted);
        Assert.Equal(number, (await checkedOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservationNumber").GetString());

        await Eventually.GetJsonAsync(_gateway, $"/api/reservations/{number}", view => view.GetProperty("status").GetString() == "CheckedOut");
        await Eventually.GetJsonAsync(_gateway, MyReservation(number), view => view.GetProperty("status").GetString() == "CheckedOut");
        await Eventually.GetJsonAsync(_gateway, $"/api/rooms/{room}", view => view.GetProperty("status").GetString() == "Available");
    }

    public void Dispose() => testOutput.WriteLine(system.Output);

    private async Task<string> RegisterRoomAsync(decimal pricePerNight)
    {
        var number = $"E{Random.Shared.Next(100_000, 999_999)}";
        using var registered = await _gateway.PostAsJsonAsync("/api/rooms", new { number, type = "Deluxe", name = "Ocean view", pricePerNight });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return number;
    }

    // Reservation knows rooms from room-events (its own catalog replica), so a brand-new room is unknown for a moment.
    private async Task<JsonElement> ReserveAsync(string room, DateOnly checkIn, DateOnly checkOut)
    {
        using var reserved = await RetryUntilAsync(
            () => _gateway.PostAsJsonAsync("/api/reservations", new { customerId = _customer, roomNumber = room, checkIn, checkOut }),
            HttpStatusCode.Created);
        return await reserved.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> RetryUntilAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
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

    private static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, Hotel));

    private static string Nights(string room, DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/rooms/{room}/nights?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

    private string MyReservation(string number) => $"/api/customers/{_customer}/reservations/{number}";

    private string Notices(string number) => $"/api/notices?customerId={_customer}&reservationNumber={number}";

    private static bool AllNights(JsonElement nights, string status) =>
        nights.GetProperty("nights").EnumerateArray().All(night => night.GetProperty("status").GetString() == status);

    private static string? PaymentStatus(JsonElement view) =>
        view.GetProperty("payment") is { ValueKind: JsonValueKind.Object } payment ? payment.GetProperty("status").GetString() : null;

    private static HashSet<string> SentNoticeKinds(JsonElement notices) =>
    [
        .. notices.GetProperty("data").EnumerateArray()
            .Where(notice => notice.GetProperty("status").GetString() == "Sent")
            .Select(notice => notice.GetProperty("kind").GetString()!),
    ];
}
