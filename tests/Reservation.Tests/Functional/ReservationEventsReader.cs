using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Accommodation.Reservations.Tests.Functional;

/// <summary>Reads <c>reservation-events</c> from the beginning of every partition, as any other context would see it.</summary>
internal sealed class ReservationEventsReader : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;

    public ReservationEventsReader(string bootstrapServers)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reservation-tests-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var topic = ReservationApiFactory.ReservationEventsTopic;
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        // Assigned, not subscribed: no consumer-group rebalance to wait for.
        _consumer.Assign(partitions.Select(partition => new TopicPartitionOffset(topic, partition.PartitionId, Offset.Beginning)));
    }

    /// <summary>Every event with <paramref name="key"/>, in order, once <paramref name="count"/> of them arrived.</summary>
    public Task<IReadOnlyList<WireEvent>> ReadAsync(string key, int count, TimeSpan? timeout = null) => Task.Run(() =>
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var events = new List<WireEvent>();
        while (events.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Saw {events.Count} of {count} events for key {key}.");
            }

            if (_consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Key: var messageKey } result && messageKey == key)
            {
                events.Add(WireEvent.From(result.Message));
            }
        }

        return (IReadOnlyList<WireEvent>)events;
    });

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}

/// <summary>One message as it is on the wire: headers, key and the JSON payload.</summary>
internal sealed record WireEvent(string Key, string EventType, string EventId, JsonElement Payload)
{
    public static WireEvent From(Message<string, byte[]> message) => new(
        message.Key,
        Header(message, "event-type"),
        Header(message, "event-id"),
        JsonDocument.Parse(message.Value).RootElement.Clone());

    private static string Header(Message<string, byte[]> message, string name) =>
        message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : throw new KeyNotFoundException($"No {name} header.");
}
