using System.Text;
using System.Text.Json;
using Accommodation.Messaging;
using Confluent.Kafka;

namespace Accommodation.Testing.Kafka;

/// <summary>
/// Publishes events exactly as the messaging contract puts them on the wire (docs/events.md): the key, the
/// <c>event-id</c> and <c>event-type</c> headers, and a camelCase JSON payload carrying <c>id</c> and <c>occurredAt</c>.
/// </summary>
public sealed class IntegrationEventsPublisher(string bootstrapServers) : IDisposable
{
    private readonly IProducer<string, byte[]> _producer =
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();

    /// <summary>
    /// Publishes <paramref name="payload"/> (its properties after the envelope's) as <paramref name="eventType"/>, on
    /// <paramref name="partition"/> when given, else by key as the real publishers do; returns the event id.
    /// </summary>
    public async Task<Guid> PublishAsync(
        string topic, string key, string eventType, object payload, Guid? eventId = null, int? partition = null)
    {
        var id = eventId ?? Guid.CreateVersion7();
        var withEnvelope = new Dictionary<string, object?> { ["id"] = id, ["occurredAt"] = DateTimeOffset.UtcNow };
        foreach (var property in JsonSerializer.SerializeToElement(payload, IntegrationEventSerializer.Options).EnumerateObject())
        {
            withEnvelope[property.Name] = property.Value;
        }

        var message = new Message<string, byte[]>
        {
            Key = key,
            Value = JsonSerializer.SerializeToUtf8Bytes(withEnvelope, IntegrationEventSerializer.Options),
            Headers = new Headers
            {
                { MessageHeaders.EventType, Encoding.UTF8.GetBytes(eventType) },
                { MessageHeaders.EventId, Encoding.UTF8.GetBytes(id.ToString()) },
            },
        };
        await (partition is { } onPartition
            ? _producer.ProduceAsync(new TopicPartition(topic, new Partition(onPartition)), message)
            : _producer.ProduceAsync(topic, message));
        return id;
    }

    public void Dispose() => _producer.Dispose();
}
