using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Accommodation.Payments.Tests.Functional;

/// <summary>Publishes reservation events exactly as the contract puts them on the wire, as the reservation context would.</summary>
internal sealed class ReservationEventsPublisher(string bootstrapServers) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // All on one partition, so "this later message was handled" means "every earlier one was handled" too.
    private static readonly TopicPartition Partition = new(PaymentApiFactory.ReservationEventsTopic, new Partition(0));

    private readonly IProducer<string, byte[]> _producer =
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();

    public async Task PublishAsync(string eventType, Guid eventId, ReservationSnapshot reservation)
    {
        var json = JsonSerializer.SerializeToElement(reservation, Web);
        var withEnvelope = new Dictionary<string, object?> { ["id"] = eventId, ["occurredAt"] = DateTimeOffset.UtcNow };
        foreach (var property in json.EnumerateObject())
        {
            withEnvelope[property.Name] = property.Value;
        }

        await _producer.ProduceAsync(Partition, new Message<string, byte[]>
        {
            Key = reservation.ReservationNumber,
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

/// <summary>The reservation snapshot every reservation event carries (events.md), with the cancellation's instant.</summary>
internal sealed record ReservationSnapshot(
    string ReservationNumber,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    decimal TotalPrice,
    string Status,
    Guid? PaymentId,
    int Version,
    DateTimeOffset? CancelledAt = null);

internal static class ReservationEventTypes
{
    public const string Confirmed = "ReservationConfirmedIntegrationEvent";
    public const string Cancelled = "ReservationCancelledIntegrationEvent";
}
