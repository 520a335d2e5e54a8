using Accommodation.Testing.Kafka;

namespace Accommodation.Notification.Tests.Support;

/// <summary>Publishes events exactly as the messaging contract puts them on the wire, as the reservation and payment contexts would.</summary>
public sealed class ContractEventPublisher(string bootstrapServers) : IDisposable
{
    private readonly IntegrationEventsPublisher _publisher = new(bootstrapServers);

    public Task PublishAsync(ContractEvent @event) =>
        _publisher.PublishAsync(@event.Topic, @event.Key, @event.EventType, @event.Payload, @event.Id);

    public void Dispose() => _publisher.Dispose();
}
