using Accommodation.Messaging;
using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Domain.Events;

namespace Accommodation.Rooms.Api.IntegrationEvents;

/// <summary>What other contexts learn from the Room aggregate's domain events.</summary>
public static class RoomIntegrationEvents
{
    public const string Topic = "room-events";

    public static IntegrationEvent From(IDomainEvent domainEvent) => domainEvent switch
    {
        RoomRegistered registered => new RoomRegisteredIntegrationEvent(
            registered.Number.Value, registered.Type.ToString(), registered.Name, registered.PricePerNight, registered.Version),
        RoomChanged changed => new RoomChangedIntegrationEvent(
            changed.Number.Value, changed.Type.ToString(), changed.Name, changed.PricePerNight, changed.Version),
        RoomCheckedOut checkedOut => new RoomCheckedOutIntegrationEvent(
            checkedOut.Number.Value, checkedOut.ReservationNumber, checkedOut.CheckedOutAt, checkedOut.Version),
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent, "No integration event is published for this domain event."),
    };
}
