using Accommodation.Messaging;

namespace Accommodation.RoomView.Api.IntegrationEvents.Events;

// Our copy of the room context's event; it carries the room's whole state, so it can create the view entry too.
public sealed record RoomChangedIntegrationEvent(string Number, string Type, string Name, decimal PricePerNight, int Version)
    : IntegrationEvent;
