using Accommodation.RoomView.Api.Infrastructure;
using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Tests.Infrastructure;

public sealed class ReservationHashTests
{
    private static readonly ReservationSnapshot Confirmed =
        new("R-20310310-7F3K9Q", "kim.minji", "A-101", new DateOnly(2031, 3, 10), new DateOnly(2031, 3, 12), 240_000.50m, "Confirmed", 2);

    [Fact]
    public void Reservation_script_arguments_carry_the_state_in_the_order_the_script_reads_them()
    {
        var arguments = ReservationHash.ToScriptArguments(Confirmed, TimeSpan.FromDays(7), "channel");

        Assert.Equal(
            ["R-20310310-7F3K9Q", "kim.minji", "A-101", "2031-03-10", "2031-03-12", "741510", "741512", "240000.50", "Confirmed", "2", "1", "604800", "channel"],
            arguments.Select(argument => argument.ToString()));
    }

    [Theory]
    [InlineData("Held", "1")]
    [InlineData("Confirmed", "1")]
    [InlineData("Cancelled", "0")]
    [InlineData("Expired", "0")]
    [InlineData("CheckedOut", "0")]
    public void Only_live_reservations_hold_their_nights(string status, string holdsNights) =>
        Assert.Equal(holdsNights, ReservationHash.ToScriptArguments(Confirmed with { Status = status }, TimeSpan.FromDays(7), "c")[10].ToString());

    [Fact]
    public void A_stored_hash_reads_back_with_its_payment()
    {
        var paymentId = Guid.NewGuid();
        HashEntry[] hash =
        [
            new("reservationNumber", "R-20310310-7F3K9Q"), new("customerId", "kim.minji"), new("roomNumber", "A-101"),
            new("checkIn", "2031-03-10"), new("checkOut", "2031-03-12"), new("checkInDay", "741510"), new("checkOutDay", "741512"),
            new("totalPrice", "240000.50"), new("status", "Cancelled"), new("version", "3"), new("holdsNights", "0"),
            new("paymentRank", "2"), new("paymentId", paymentId.ToString()), new("paymentStatus", "Refunded"),
            new("paymentAmount", "240000.50"), new("paymentAt", "2031-03-08T10:00:00.0000000+00:00"),
            new("refundedAmount", "120000.25"), new("refundRate", "0.5"),
        ];

        var payment = new ReservationPayment(paymentId, "Refunded", 240_000.50m, 120_000.25m, 0.5m, new DateTimeOffset(2031, 3, 8, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(
            new CustomerReservation("R-20310310-7F3K9Q", "kim.minji", "A-101", new DateOnly(2031, 3, 10), new DateOnly(2031, 3, 12), 240_000.50m, "Cancelled", 3, payment),
            ReservationHash.FromHash(hash));
    }

    [Fact]
    public void Payment_fields_alone_are_no_reservation_yet() =>
        Assert.Null(ReservationHash.FromHash([new("paymentRank", "1"), new("paymentId", Guid.NewGuid().ToString())]));

    [Theory]
    [InlineData("Paid", 2)]
    [InlineData("Held", 0)]
    [InlineData("Held", 367)]
    public void A_snapshot_with_an_unknown_status_or_an_impossible_stay_has_a_problem(string status, int nights) =>
        Assert.NotNull((Confirmed with { Status = status, CheckOut = Confirmed.CheckIn.AddDays(nights) }).Problem());
}
