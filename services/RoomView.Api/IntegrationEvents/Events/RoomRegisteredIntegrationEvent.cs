using Accommodation.Messaging;

namespace Accommodation.RoomView.Api.IntegrationEvents.Events;

// Our copy of the room context's event; it matches the published one by type name and JSON shape.
public sealed record RoomRegisteredIntegrationEvent(string Number, string Type, string Name, decimal PricePerNight, int Version)
    : IntegrationEvent;
