using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// The requirements' scenario through the gateway, every service a real process: a manager registers a room, a
/// customer reserves, pays, is notified, cancels and is refunded; another stay is paid and checked out.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class BookingScenarioTests(RunningSystem system, ITestOutputHelper testOutput) : RunningSystemTests(system, testOutput)
{
    [Fact]
    public async Task Reserve_pay_notice_cancel_refund_and_the_nights_are_free_again()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 100_000);
        var checkIn = BookingClient.Today().AddDays(10);
        var checkOut = checkIn.AddDays(2);

        var reservation = await Client.ReserveAsync(room, checkIn, checkOut);
        Assert.Equal("Held", reservation.GetProperty("status").GetString());
        Assert.Equal(200_000m, reservation.GetProperty("totalPrice").GetDecimal());
        var number = reservation.GetProperty("number").GetString()!;

        await Eventually.GetJsonAsync(Client.Gateway, BookingClient.Nights(room, checkIn, checkOut), nights => BookingClient.AllNights(nights, "Unavailable"));

        Assert.Equal("Confirmed", (await Client.PayAsync(number)).GetProperty("status").GetString());

        await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(number), view =>
            view.GetProperty("status").GetString() == "Confirmed" && BookingClient.PaymentStatus(view) == "Approved");
        await Eventually.GetJsonAsync(Client.Gateway, Client.Notices(number), notices =>
            BookingClient.SentNoticeKinds(notices).IsSupersetOf(["ReservationPlaced", "ReservationConfirmed", "PaymentApproved"]));

        await Client.CancelAsync(number);

        var refunded = await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(number), view =>
            view.GetProperty("status").GetString() == "Cancelled" && BookingClient.PaymentStatus(view) == "Refunded");
        Assert.Equal(200_000m, refunded.GetProperty("payment").GetProperty("refundedAmount").GetDecimal());
        await Eventually.GetJsonAsync(Client.Gateway, BookingClient.Nights(room, checkIn, checkOut), nights => BookingClient.AllNights(nights, "Available"));
        await Eventually.GetJsonAsync(Client.Gateway, Client.Notices(number), notices =>
            BookingClient.SentNoticeKinds(notices).IsSupersetOf(["ReservationCancelled", "PaymentRefunded"]));
    }

    [Fact]
    public async Task Reserve_pay_and_a_managers_check_out_closes_the_stay_and_frees_the_room()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 80_000);
        var reservation = await Client.ReserveAsync(room, BookingClient.Today(), BookingClient.Today().AddDays(1));
        var number = reservation.GetProperty("number").GetString()!;
        await Eventually.GetJsonAsync(Client.Gateway, $"/api/v1/rooms/{room}", view => view.GetProperty("status").GetString() == "Unavailable");

        await Client.PayAsync(number);

        // Room learns of the confirmation by event; the manager's check-out needs it.
        await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(number), view => view.GetProperty("status").GetString() == "Confirmed");
        var checkedOut = await BookingClient.RetryUntilAsync(() => Client.Manager.PostAsync($"/api/v1/rooms/{room}/check-out", content: null), HttpStatusCode.Accepted);
        Assert.Equal(number, (await checkedOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservationNumber").GetString());

        await Eventually.GetJsonAsync(Client.Gateway, $"/api/v1/reservations/{number}", view => view.GetProperty("status").GetString() == "CheckedOut");
        await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(number), view => view.GetProperty("status").GetString() == "CheckedOut");
        await Eventually.GetJsonAsync(Client.Gateway, $"/api/v1/rooms/{room}", view => view.GetProperty("status").GetString() == "Available");
    }

}
