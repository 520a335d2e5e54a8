using Accommodation.Messaging;

namespace Accommodation.Rooms.Api.IntegrationEvents;

/// <summary>Published on <c>room-events</c>, keyed by room number, with the room's whole state after a change.</summary>
public sealed record RoomChangedIntegrationEvent(string Number, string Type, string Name, decimal PricePerNight, int Version)
    : IntegrationEvent;
