using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Events;

namespace Accommodation.Reservations.Tests.Domain;

public sealed class ReservationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly TimeSpan HoldTime = TimeSpan.FromMinutes(15);

    [Fact]
    public void Placing_holds_the_nights_at_nights_times_the_price_and_raises_ReservationPlaced()
    {
        var reservation = Place(nights: 3, pricePerNight: 120_000.50m);

        Assert.Equal(ReservationStatus.Held, reservation.Status);
        Assert.Equal(1, reservation.Version);
        Assert.Equal(360_001.50m, reservation.TotalPrice);
        Assert.Equal(Now + HoldTime, reservation.HoldExpiresAt);
        Assert.True(reservation.IsLive);
        var placed = Assert.IsType<ReservationPlaced>(Assert.Single(reservation.DomainEvents));
        Assert.Equal(Now + HoldTime, placed.HoldExpiresAt);
        Assert.Equal(reservation.Snapshot(), placed.Reservation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_000_000.01)]
    public void A_room_without_a_valid_price_cannot_be_reserved(decimal pricePerNight) =>
        Assert.Throws<ReservationDomainException>(() => Place(pricePerNight: pricePerNight));

    [Fact]
    public void Held_then_confirmed_then_checked_out_raises_one_event_per_change_with_the_version_after_it()
    {
        var reservation = Place();
        var paymentId = Guid.NewGuid();

        reservation.Confirm(paymentId, Now.AddMinutes(1));
        reservation.CheckOut(Now.AddDays(3));

        Assert.Equal(ReservationStatus.CheckedOut, reservation.Status);
        Assert.Equal(3, reservation.Version);
        Assert.Equal(paymentId, reservation.PaymentId);
        Assert.Equal(Now.AddDays(3), reservation.CheckedOutAt);
        Assert.False(reservation.IsLive);
        Assert.Collection(reservation.DomainEvents,
            e => Assert.Equal(1, Assert.IsType<ReservationPlaced>(e).Reservation.Version),
            e =>
            {
                var confirmed = Assert.IsType<ReservationConfirmed>(e);
                Assert.Equal((2, ReservationStatus.Confirmed, paymentId), (confirmed.Reservation.Version, confirmed.Reservation.Status, confirmed.Reservation.PaymentId));
            },
            e =>
            {
                var checkedOut = Assert.IsType<ReservationCheckedOut>(e);
                Assert.Equal((3, ReservationStatus.CheckedOut), (checkedOut.Reservation.Version, checkedOut.Reservation.Status));
                Assert.Equal(Now.AddDays(3), checkedOut.CheckedOutAt);
            });
    }

    [Fact]
    public void A_held_or_confirmed_reservation_can_be_cancelled()
    {
        var held = Place();
        held.Cancel(Now);
        var confirmed = Place();
        confirmed.Confirm(Guid.NewGuid(), Now);
        confirmed.Cancel(Now.AddHours(1));

        Assert.Equal((ReservationStatus.Cancelled, 2), (held.Status, held.Version));
        Assert.Equal((ReservationStatus.Cancelled, 3), (confirmed.Status, confirmed.Version));
        Assert.Equal(Now.AddHours(1), Assert.IsType<ReservationCancelled>(confirmed.DomainEvents.Last()).CancelledAt);
    }

    [Fact]
    public void A_hold_expires_only_once_its_time_ran_out()
    {
        var reservation = Place();

        Assert.False(reservation.HoldHasRunOut(Now + HoldTime - TimeSpan.FromTicks(1)));
        Assert.Throws<ReservationTransitionException>(() => reservation.Expire(Now + HoldTime - TimeSpan.FromTicks(1)));
        Assert.True(reservation.HoldHasRunOut(Now + HoldTime));
        reservation.Expire(Now + HoldTime);

        Assert.Equal((ReservationStatus.Expired, 2), (reservation.Status, reservation.Version));
        Assert.IsType<ReservationExpired>(reservation.DomainEvents.Last());
        Assert.False(reservation.HoldHasRunOut(Now + HoldTime));
    }

    [Fact]
    public void A_held_reservation_whose_hold_ran_out_cannot_be_paid_even_before_the_scan_expired_it()
    {
        var reservation = Place();

        reservation.EnsureCanBePaid(Now + HoldTime - TimeSpan.FromSeconds(1));
        var refused = Assert.Throws<ReservationTransitionException>(() => reservation.EnsureCanBePaid(Now + HoldTime));

        Assert.Contains("run out", refused.Message);
        Assert.Equal(ReservationStatus.Held, reservation.Status);
    }

    [Fact]
    public void A_payment_approved_after_the_hold_time_still_confirms_a_reservation_that_is_held()
    {
        var reservation = Place();

        reservation.Confirm(Guid.NewGuid(), Now + HoldTime + TimeSpan.FromSeconds(5));

        Assert.Equal(ReservationStatus.Confirmed, reservation.Status);
    }

    public static TheoryData<string, string> InvalidTransitions => new()
    {
        // the status reached first, then the change that must be refused
        { "Confirmed", "confirm" },
        { "Confirmed", "expire" },
        { "Held", "check out" },
        { "Cancelled", "confirm" },
        { "Cancelled", "cancel" },
        { "Cancelled", "expire" },
        { "Cancelled", "check out" },
        { "Expired", "confirm" },
        { "Expired", "cancel" },
        { "Expired", "check out" },
        { "CheckedOut", "cancel" },
        { "CheckedOut", "check out" },
        { "CheckedOut", "confirm" },
    };

    [Theory]
    [MemberData(nameof(InvalidTransitions))]
    public void An_invalid_transition_throws_and_changes_nothing(string status, string change)
    {
        var reservation = InStatus(Enum.Parse<ReservationStatus>(status));
        var version = reservation.Version;
        var events = reservation.DomainEvents.Count;
        var later = Now + HoldTime + TimeSpan.FromMinutes(1);

        Action act = change switch
        {
            "confirm" => () => reservation.Confirm(Guid.NewGuid(), later),
            "cancel" => () => reservation.Cancel(later),
            "expire" => () => reservation.Expire(later),
            "check out" => () => reservation.CheckOut(later),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var refused = Assert.Throws<ReservationTransitionException>(act);
        Assert.Equal(reservation.Status, refused.Status);
        Assert.Equal(status, reservation.Status.ToString());
        Assert.Equal(version, reservation.Version);
        Assert.Equal(events, reservation.DomainEvents.Count);
    }

    [Theory]
    [InlineData(ReservationStatus.Confirmed)]
    [InlineData(ReservationStatus.Cancelled)]
    [InlineData(ReservationStatus.Expired)]
    [InlineData(ReservationStatus.CheckedOut)]
    public void Only_a_held_reservation_can_be_paid(ReservationStatus status) =>
        Assert.Throws<ReservationTransitionException>(() => InStatus(status).EnsureCanBePaid(Now));

    private static Reservation Place(int nights = 2, decimal pricePerNight = 100_000m) => Reservation.Place(
        ReservationNumber.New(Today),
        CustomerId.Parse("9805"),
        RoomNumber.Parse("101"),
        StayPeriod.Create(Today.AddDays(10), Today.AddDays(10 + nights), Today),
        pricePerNight,
        Now,
        HoldTime);

    private static Reservation InStatus(ReservationStatus status)
    {
        var reservation = Place();
        switch (status)
        {
            case ReservationStatus.Confirmed:
                reservation.Confirm(Guid.NewGuid(), Now);
                break;
            case ReservationStatus.Cancelled:
                reservation.Cancel(Now);
                break;
            case ReservationStatus.Expired:
                reservation.Expire(Now + HoldTime);
                break;
            case ReservationStatus.CheckedOut:
                reservation.Confirm(Guid.NewGuid(), Now);
                reservation.CheckOut(Now);
                break;
        }

        return reservation;
    }
}
