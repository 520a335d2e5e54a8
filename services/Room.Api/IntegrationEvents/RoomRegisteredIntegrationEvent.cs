using Accommodation.Messaging;

namespace Accommodation.Rooms.Api.IntegrationEvents;

/// <summary>Published on <c>room-events</c>, keyed by room number, when a manager registers a room.</summary>
public sealed record RoomRegisteredIntegrationEvent(string Number, string Type, string Name, decimal PricePerNight, int Version)
    : IntegrationEvent;
