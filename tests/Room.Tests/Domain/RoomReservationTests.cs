using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Domain.Events;

namespace Accommodation.Rooms.Tests.Domain;

public sealed class RoomReservationTests
{
    private static readonly RoomNumber Room101 = RoomNumber.Parse("101");
    private static readonly DateOnly CheckIn = new(2031, 3, 10);
    private static readonly DateTimeOffset Now = new(2031, 3, 11, 10, 0, 0, TimeSpan.Zero);

    private static ReservationSnapshot Snapshot(ReservationStatus status, int version, int nights = 3) =>
        new("R-1", Room101, CheckIn, CheckIn.AddDays(nights), status, version);

    [Fact]
    public void A_held_reservation_holds_each_night_of_its_stay_and_not_the_check_out_day()
    {
        var reservation = RoomReservation.From(Snapshot(ReservationStatus.Held, 1));

        Assert.Equal([CheckIn, CheckIn.AddDays(1), CheckIn.AddDays(2)], reservation.Nights.Select(night => night.Night));
        Assert.All(reservation.Nights, night => Assert.Equal((Room101, "R-1", 1), (night.RoomNumber, night.ReservationNumber, night.ReservationVersion)));
    }

    [Fact]
    public void Confirming_keeps_the_same_night_rows_at_the_new_version()
    {
        var reservation = RoomReservation.From(Snapshot(ReservationStatus.Held, 1));
        var rows = reservation.Nights.ToList();

        Assert.True(reservation.Apply(Snapshot(ReservationStatus.Confirmed, 2)));

        Assert.Equal(rows, reservation.Nights);
        Assert.All(reservation.Nights, night => Assert.Equal(2, night.ReservationVersion));
    }

    [Theory]
    [InlineData(ReservationStatus.Cancelled)]
    [InlineData(ReservationStatus.Expired)]
    [InlineData(ReservationStatus.CheckedOut)]
    public void A_reservation_that_ended_frees_every_night(ReservationStatus status)
    {
        var reservation = RoomReservation.From(Snapshot(ReservationStatus.Confirmed, 2));

        Assert.True(reservation.Apply(Snapshot(status, 3)));

        Assert.Equal((status, 3, false), (reservation.Status, reservation.Version, reservation.IsLive));
        Assert.Empty(reservation.Nights);
    }

    [Fact]
    public void An_older_or_repeated_version_changes_nothing()
    {
        var reservation = RoomReservation.From(Snapshot(ReservationStatus.Cancelled, 3));

        Assert.False(reservation.Apply(Snapshot(ReservationStatus.Confirmed, 2)));
        Assert.False(reservation.Apply(Snapshot(ReservationStatus.Held, 3)));

        Assert.Equal((ReservationStatus.Cancelled, 3), (reservation.Status, reservation.Version));
        Assert.Empty(reservation.Nights);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(366)]
    public void A_stay_of_no_nights_or_more_than_a_year_is_refused(int nights) =>
        Assert.Equal("checkOut", Assert.Throws<RoomDomainException>(() => RoomReservation.From(Snapshot(ReservationStatus.Held, 1, nights))).Field);

    [Fact]
    public void Checking_a_room_out_frees_the_stay_from_today_and_raises_RoomCheckedOut_at_the_next_room_version()
    {
        var room = Room.Register(Room101, RoomType.Deluxe, "Deluxe", 100_000m, Now.AddDays(-30));
        room.ClearDomainEvents();
        var stay = RoomReservation.From(Snapshot(ReservationStatus.Confirmed, 2));
        var today = CheckIn.AddDays(1);

        room.CheckOut(stay, today, Now);

        Assert.Equal([CheckIn], stay.Nights.Select(night => night.Night));
        Assert.Equal(Now, stay.CheckedOutAt);
        Assert.Equal((2, Now), (room.Version, room.UpdatedAt));
        Assert.Equal(new RoomCheckedOut(Room101, "R-1", Now, 2), Assert.Single(room.DomainEvents));
    }

    [Fact]
    public void Only_a_confirmed_stay_in_this_room_can_be_checked_out_and_only_once()
    {
        var room = Room.Register(Room101, RoomType.Deluxe, "Deluxe", 100_000m, Now.AddDays(-30));
        var held = RoomReservation.From(Snapshot(ReservationStatus.Held, 1));
        var elsewhere = RoomReservation.From(Snapshot(ReservationStatus.Confirmed, 2) with { RoomNumber = RoomNumber.Parse("102") });
        var confirmed = RoomReservation.From(Snapshot(ReservationStatus.Confirmed, 2));
        room.CheckOut(confirmed, CheckIn, Now);

        Assert.Throws<InvalidOperationException>(() => room.CheckOut(held, CheckIn, Now));
        Assert.Throws<InvalidOperationException>(() => room.CheckOut(elsewhere, CheckIn, Now));
        Assert.Throws<InvalidOperationException>(() => room.CheckOut(confirmed, CheckIn, Now));
    }
}
