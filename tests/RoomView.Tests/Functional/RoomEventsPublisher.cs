using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>Publishes room events exactly as the messaging contract puts them on the wire, as the room context would.</summary>
internal sealed class RoomEventsPublisher(string bootstrapServers) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // All on one partition, so "this later message was handled" means "every earlier one was handled" too.
    private static readonly TopicPartition Partition = new(RoomViewFactory.RoomEventsTopic, new Partition(0));

    private readonly IProducer<string, byte[]> _producer =
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();

    public Task PublishAsync(string eventType, RoomState room, Guid? eventId = null) =>
        PublishRawAsync(room.Number, eventType, eventId ?? Guid.CreateVersion7(), room);

    public async Task PublishRawAsync(string key, string eventType, Guid eventId, object payload)
    {
        var json = JsonSerializer.SerializeToElement(payload, Web);
        var withEnvelope = new Dictionary<string, object?> { ["id"] = eventId, ["occurredAt"] = DateTimeOffset.UtcNow };
        foreach (var property in json.EnumerateObject())
        {
            withEnvelope[property.Name] = property.Value;
        }

        await _producer.ProduceAsync(Partition, new Message<string, byte[]>
        {
            Key = key,
            Value = JsonSerializer.SerializeToUtf8Bytes(withEnvelope, Web),
            Headers = new Headers
            {
                { "event-type", Encoding.UTF8.GetBytes(eventType) },
                { "event-id", Encoding.UTF8.GetBytes(eventId.ToString()) },
            },
        });
    }

    public void Dispose() => _producer.Dispose();
}

internal sealed record RoomState(string Number, string Type, string Name, decimal PricePerNight, int Version);

internal static class RoomEventTypes
{
    public const string Registered = "RoomRegisteredIntegrationEvent";
    public const string Changed = "RoomChangedIntegrationEvent";
}
