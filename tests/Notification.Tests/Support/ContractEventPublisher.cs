using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Accommodation.Notification.Tests.Support;

/// <summary>Publishes events exactly as the messaging contract puts them on the wire, as the reservation and payment contexts would.</summary>
public sealed class ContractEventPublisher(string bootstrapServers) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly IProducer<string, byte[]> _producer =
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();

    public async Task PublishAsync(ContractEvent @event)
    {
        var payload = new Dictionary<string, object?> { ["id"] = @event.Id, ["occurredAt"] = DateTimeOffset.UtcNow };
        foreach (var (name, value) in @event.Payload)
        {
            payload[name] = value;
        }

        await _producer.ProduceAsync(@event.Topic, new Message<string, byte[]>
        {
            Key = @event.Key,
            Value = JsonSerializer.SerializeToUtf8Bytes(payload, Web),
            Headers = new Headers
            {
                { "event-type", Encoding.UTF8.GetBytes(@event.EventType) },
                { "event-id", Encoding.UTF8.GetBytes(@event.Id.ToString()) },
            },
        });
    }

    public void Dispose() => _producer.Dispose();
}
