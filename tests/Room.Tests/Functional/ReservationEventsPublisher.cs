using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Accommodation.Rooms.Tests.Functional;

/// <summary>Publishes reservation events exactly as the contract puts them on the wire, as the reservation context would.</summary>
internal sealed class ReservationEventsPublisher(string bootstrapServers) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // All on one partition, so "this later event was handled" means "every earlier one was handled" too.
    private static readonly TopicPartition Partition = new(RoomApiFactory.ReservationEventsTopic, new Partition(0));

    private readonly IProducer<string, byte[]> _producer =
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();

    /// <summary>Publishes <paramref name="reservation"/> as the record its status is announced by; returns the event id.</summary>
    public async Task<Guid> PublishAsync(ReservationState reservation, Guid? eventId = null)
    {
        var id = eventId ?? Guid.CreateVersion7();
        await PublishRawAsync(reservation.ReservationNumber, ReservationState.EventTypeOf(reservation.Status), id, reservation);
        return id;
    }

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

/// <summary>The snapshot every reservation event carries (docs/events.md).</summary>
internal sealed record ReservationState(
    string ReservationNumber, string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut,
    decimal TotalPrice, string Status, Guid? PaymentId, int Version)
{
    public static ReservationState Placed(string roomNumber, DateOnly checkIn, DateOnly checkOut) =>
        new(NewReservationNumber(), "customer-1", roomNumber, checkIn, checkOut, 100_000m * (checkOut.DayNumber - checkIn.DayNumber), "Held", null, 1);

    public ReservationState Next(string status) => this with
    {
        Status = status,
        PaymentId = status == "Confirmed" ? Guid.NewGuid() : PaymentId,
        Version = Version + 1,
    };

    public static string EventTypeOf(string status) => status switch
    {
        "Held" => "ReservationPlacedIntegrationEvent",
        "Confirmed" => "ReservationConfirmedIntegrationEvent",
        "Cancelled" => "ReservationCancelledIntegrationEvent",
        "Expired" => "ReservationExpiredIntegrationEvent",
        "CheckedOut" => "ReservationCheckedOutIntegrationEvent",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static string NewReservationNumber() => $"R-TEST-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
}
