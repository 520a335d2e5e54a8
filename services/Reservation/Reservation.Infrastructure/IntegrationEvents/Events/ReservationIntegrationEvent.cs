using Accommodation.Messaging;

namespace Accommodation.Reservations.Infrastructure.IntegrationEvents.Events;

/// <summary>
/// The snapshot every reservation event carries on <c>reservation-events</c>, keyed by reservation number
/// (docs/events.md): consumers apply an event on its own and ignore versions older than what they hold.
/// </summary>
public abstract record ReservationIntegrationEvent : IntegrationEvent
{
    public string ReservationNumber { get; init; } = "";

    public string CustomerId { get; init; } = "";

    public string RoomNumber { get; init; } = "";

    public DateOnly CheckIn { get; init; }

    public DateOnly CheckOut { get; init; }

    /// <summary>KRW: nights × the room's price when reserved.</summary>
    public decimal TotalPrice { get; init; }

    /// <summary>The status after this event, as a name (the wire format's enums are strings).</summary>
    public string Status { get; init; } = "";

    public Guid? PaymentId { get; init; }

    public int Version { get; init; }
}

/// <summary>Reserved: the nights are held until <paramref name="HoldExpiresAt"/> (예약불가).</summary>
public sealed record ReservationPlacedIntegrationEvent(DateTimeOffset HoldExpiresAt) : ReservationIntegrationEvent;

/// <summary>Payment approved; the reservation is confirmed.</summary>
public sealed record ReservationConfirmedIntegrationEvent : ReservationIntegrationEvent;

/// <summary>The customer cancelled (from Held or Confirmed); the nights are free again.</summary>
public sealed record ReservationCancelledIntegrationEvent(DateTimeOffset CancelledAt) : ReservationIntegrationEvent;

/// <summary>The unpaid hold ran out; the nights are free again.</summary>
public sealed record ReservationExpiredIntegrationEvent : ReservationIntegrationEvent;

/// <summary>A manager checked the stay out; the room is available again.</summary>
public sealed record ReservationCheckedOutIntegrationEvent(DateTimeOffset CheckedOutAt) : ReservationIntegrationEvent;
