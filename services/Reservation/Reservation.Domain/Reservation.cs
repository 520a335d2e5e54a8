using Accommodation.Reservations.Domain.Events;

namespace Accommodation.Reservations.Domain;

/// <summary>
/// A customer's reservation of one room for a stay. Held → Confirmed → CheckedOut; Held or Confirmed → Cancelled;
/// Held → Expired. Every change adds one to <see cref="Version"/> and raises an event with the new state.
/// </summary>
public sealed class Reservation : AggregateRoot
{
    public const decimal MaxPricePerNight = 100_000_000m;

    // For EF Core, which sets the properties itself.
    private Reservation()
    {
        Number = null!;
        CustomerId = null!;
        RoomNumber = null!;
        Stay = null!;
    }

    private Reservation(ReservationNumber number, CustomerId customerId, RoomNumber roomNumber, StayPeriod stay,
        decimal pricePerNight, DateTimeOffset placedAt, DateTimeOffset holdExpiresAt)
    {
        Number = number;
        CustomerId = customerId;
        RoomNumber = roomNumber;
        Stay = stay;
        PricePerNight = pricePerNight;
        TotalPrice = stay.Nights * pricePerNight;
        Status = ReservationStatus.Held;
        Version = 1;
        PlacedAt = placedAt;
        HoldExpiresAt = holdExpiresAt;
    }

    public ReservationNumber Number { get; private set; }

    public CustomerId CustomerId { get; private set; }

    public RoomNumber RoomNumber { get; private set; }

    public StayPeriod Stay { get; private set; }

    /// <summary>The room's price (KRW) in the catalog when reserved; later price changes do not touch this reservation.</summary>
    public decimal PricePerNight { get; private set; }

    /// <summary>Nights × <see cref="PricePerNight"/>: what payment charges.</summary>
    public decimal TotalPrice { get; private set; }

    public ReservationStatus Status { get; private set; }

    /// <summary>1 when placed, one more per change; consumers use it to order events, and saving uses it to refuse lost updates.</summary>
    public int Version { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }

    /// <summary>Until when an unpaid reservation holds its nights.</summary>
    public DateTimeOffset HoldExpiresAt { get; private set; }

    public Guid? PaymentId { get; private set; }

    /// <summary>Which payment attempt is next: a declined attempt is final at payment, so paying again is a new one.</summary>
    public int PaymentAttempt { get; private set; } = 1;

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? ExpiredAt { get; private set; }

    public DateTimeOffset? CheckedOutAt { get; private set; }

    /// <summary>Live reservations occupy their nights.</summary>
    public bool IsLive => Status is ReservationStatus.Held or ReservationStatus.Confirmed;

    public static Reservation Place(ReservationNumber number, CustomerId customerId, RoomNumber roomNumber, StayPeriod stay,
        decimal pricePerNight, DateTimeOffset now, TimeSpan holdTime)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(roomNumber);
        ArgumentNullException.ThrowIfNull(stay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(holdTime, TimeSpan.Zero);
        if (pricePerNight <= 0 || pricePerNight > MaxPricePerNight)
        {
            throw new ReservationDomainException("roomNumber", $"Room {roomNumber} has no valid price per night in the catalog.");
        }

        var reservation = new Reservation(number, customerId, roomNumber, stay, pricePerNight, now, now + holdTime);
        reservation.Raise(new ReservationPlaced(reservation.Snapshot(), reservation.HoldExpiresAt));
        return reservation;
    }

    /// <summary>True while the reservation is held but its hold time is over: it must not be paid, only expired.</summary>
    public bool HoldHasRunOut(DateTimeOffset now) => Status == ReservationStatus.Held && now >= HoldExpiresAt;

    /// <summary>Refuses, before any money moves, a payment this reservation could not be confirmed with.</summary>
    public void EnsureCanBePaid(DateTimeOffset now)
    {
        if (Status != ReservationStatus.Held)
        {
            throw new ReservationTransitionException(Number, Status, "paid");
        }

        if (HoldHasRunOut(now))
        {
            throw new ReservationTransitionException(Number, Status, "paid",
                $"Reservation {Number} was held until {HoldExpiresAt:O}; that hold has run out, so it cannot be paid.");
        }
    }

    /// <summary>Payment declined this attempt; the reservation stays held and the next payment is a new attempt.</summary>
    public void RecordDeclinedPayment()
    {
        Require(ReservationStatus.Held, "paid");
        PaymentAttempt++;
    }

    /// <summary>Books the stay with an approved payment; the hold time no longer matters once the money is taken.</summary>
    public void Confirm(Guid paymentId, DateTimeOffset now)
    {
        if (paymentId == Guid.Empty)
        {
            throw new ArgumentException("An approved payment has an id.", nameof(paymentId));
        }

        Require(ReservationStatus.Held, "confirmed");
        PaymentId = paymentId;
        ConfirmedAt = now;
        MoveTo(ReservationStatus.Confirmed);
        Raise(new ReservationConfirmed(Snapshot()));
    }

    public void Cancel(DateTimeOffset now)
    {
        if (!IsLive)
        {
            throw new ReservationTransitionException(Number, Status, "cancelled");
        }

        CancelledAt = now;
        MoveTo(ReservationStatus.Cancelled);
        Raise(new ReservationCancelled(Snapshot(), now));
    }

    public void Expire(DateTimeOffset now)
    {
        Require(ReservationStatus.Held, "expired");
        if (now < HoldExpiresAt)
        {
            throw new ReservationTransitionException(Number, Status, "expired",
                $"Reservation {Number} is held until {HoldExpiresAt:O}; it cannot expire before then.");
        }

        ExpiredAt = now;
        MoveTo(ReservationStatus.Expired);
        Raise(new ReservationExpired(Snapshot()));
    }

    public void CheckOut(DateTimeOffset checkedOutAt)
    {
        Require(ReservationStatus.Confirmed, "checked out");
        CheckedOutAt = checkedOutAt;
        MoveTo(ReservationStatus.CheckedOut);
        Raise(new ReservationCheckedOut(Snapshot(), checkedOutAt));
    }

    public ReservationSnapshot Snapshot() =>
        new(Number, CustomerId, RoomNumber, Stay, TotalPrice, Status, PaymentId, Version);

    private void Require(ReservationStatus expected, string change)
    {
        if (Status != expected)
        {
            throw new ReservationTransitionException(Number, Status, change);
        }
    }

    private void MoveTo(ReservationStatus status)
    {
        Status = status;
        Version++;
    }
}
