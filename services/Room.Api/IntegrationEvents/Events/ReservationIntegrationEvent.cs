using Accommodation.Messaging;
using Accommodation.Rooms.Api.Domain;

namespace Accommodation.Rooms.Api.IntegrationEvents.Events;

/// <summary>
/// Our copy of the snapshot every <c>reservation-events</c> record carries (only the fields room uses); the five
/// records below match the published ones by type name.
/// </summary>
public abstract record ReservationIntegrationEvent : IntegrationEvent
{
    public required string ReservationNumber { get; init; }

    public required string RoomNumber { get; init; }

    public required DateOnly CheckIn { get; init; }

    public required DateOnly CheckOut { get; init; }

    public required string Status { get; init; }

    public required int Version { get; init; }

    /// <exception cref="RoomDomainException">The snapshot names no valid room or status.</exception>
    public ReservationSnapshot ToSnapshot() =>
        new(ReservationNumber, Domain.RoomNumber.Parse(RoomNumber), CheckIn, CheckOut, ParseStatus(Status), Version);

    // Names only: Enum.Parse would also take "1".
    private static ReservationStatus ParseStatus(string status) =>
        Enum.GetNames<ReservationStatus>().Contains(status, StringComparer.Ordinal)
            ? Enum.Parse<ReservationStatus>(status)
            : throw new RoomDomainException("status", $"A reservation status is one of {string.Join(", ", Enum.GetNames<ReservationStatus>())}.");
}

public sealed record ReservationPlacedIntegrationEvent : ReservationIntegrationEvent;

public sealed record ReservationConfirmedIntegrationEvent : ReservationIntegrationEvent;

public sealed record ReservationCancelledIntegrationEvent : ReservationIntegrationEvent;

public sealed record ReservationExpiredIntegrationEvent : ReservationIntegrationEvent;

public sealed record ReservationCheckedOutIntegrationEvent : ReservationIntegrationEvent;
