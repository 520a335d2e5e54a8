using Accommodation.Messaging;
using Accommodation.RoomView.Api.Model;

namespace Accommodation.RoomView.Api.IntegrationEvents.Events;

/// <summary>
/// Our copy of the snapshot every <c>reservation-events</c> record carries (only the fields the view uses); the five
/// records below match the published ones by type name.
/// </summary>
public abstract record ReservationIntegrationEvent : IntegrationEvent
{
    public required string ReservationNumber { get; init; }

    public required string CustomerId { get; init; }

    public required string RoomNumber { get; init; }

    public required DateOnly CheckIn { get; init; }

    public required DateOnly CheckOut { get; init; }

    public required decimal TotalPrice { get; init; }

    public required string Status { get; init; }

    public required int Version { get; init; }

    public ReservationSnapshot ToSnapshot() =>
        new(ReservationNumber, CustomerId, RoomNumber, CheckIn, CheckOut, TotalPrice, Status, Version);
}

public sealed record ReservationPlacedIntegrationEvent : ReservationIntegrationEvent;

public sealed record ReservationConfirmedIntegrationEvent : ReservationIntegrationEvent;

public sealed record ReservationCancelledIntegrationEvent : ReservationIntegrationEvent;

public sealed record ReservationExpiredIntegrationEvent : ReservationIntegrationEvent;

public sealed record ReservationCheckedOutIntegrationEvent : ReservationIntegrationEvent;
