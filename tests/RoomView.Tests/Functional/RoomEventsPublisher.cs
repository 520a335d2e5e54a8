using Accommodation.Testing.Kafka;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>Publishes room events exactly as the messaging contract puts them on the wire, as the room context would.</summary>
internal sealed class RoomEventsPublisher(string bootstrapServers) : IDisposable
{
    // All on one partition, so "this later message was handled" means "every earlier one was handled" too.
    private const int Partition = 0;

    private readonly IntegrationEventsPublisher _publisher = new(bootstrapServers);

    public Task PublishAsync(string eventType, RoomState room, Guid? eventId = null) =>
        _publisher.PublishAsync(RoomViewFactory.RoomEventsTopic, room.Number, eventType, room, eventId, Partition);

    public Task PublishRawAsync(string key, string eventType, Guid eventId, object payload) =>
        _publisher.PublishAsync(RoomViewFactory.RoomEventsTopic, key, eventType, payload, eventId, Partition);

    public void Dispose() => _publisher.Dispose();
}

internal sealed record RoomState(string Number, string Type, string Name, decimal PricePerNight, int Version);

internal static class RoomEventTypes
{
    public const string Registered = "RoomRegisteredIntegrationEvent";
    public const string Changed = "RoomChangedIntegrationEvent";
}
