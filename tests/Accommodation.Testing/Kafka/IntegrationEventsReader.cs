using System.Text;
using System.Text.Json;
using Accommodation.Messaging;
using Confluent.Kafka;

namespace Accommodation.Testing.Kafka;

/// <summary>
/// Reads a topic from the beginning of every partition, in a group of its own, as any other context
/// would see it.
/// </summary>
public sealed class IntegrationEventsReader : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;

    public IntegrationEventsReader(string bootstrapServers, string topic)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"{topic}-reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        // Assigned, not subscribed: no consumer-group rebalance to wait for.
        _consumer.Assign(partitions.Select(partition => new TopicPartitionOffset(topic, partition.PartitionId, Offset.Beginning)));
    }

    /// <summary>
    /// Every event with <paramref name="key"/>, in order, once <paramref name="count"/> of them arrived (within
    /// <paramref name="timeout"/>, 30 s unless given) and, when <paramref name="quietPeriod"/> is given, no more came
    /// within it (so a duplicate would be seen).
    /// </summary>
    public Task<IReadOnlyList<WireEvent>> ReadAsync(string key, int count, TimeSpan? timeout = null, TimeSpan? quietPeriod = null) => Task.Run(() =>
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var events = new List<WireEvent>();
        while (events.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Saw {events.Count} of {count} events for key {key}.");
            }

            ConsumeInto(events, key);
        }

        if (quietPeriod is { } quiet)
        {
            var quietUntil = DateTime.UtcNow + quiet;
            while (DateTime.UtcNow < quietUntil)
            {
                ConsumeInto(events, key);
            }
        }

        return (IReadOnlyList<WireEvent>)events;
    });

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }

    private void ConsumeInto(List<WireEvent> events, string key)
    {
        if (_consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Key: var messageKey } result && messageKey == key)
        {
            events.Add(WireEvent.From(result.Message));
        }
    }
}

/// <summary>One message as it is on the wire: headers, key and the JSON payload.</summary>
public sealed record WireEvent(string Key, string EventType, string EventId, JsonElement Payload)
{
    public static WireEvent From(Message<string, byte[]> message) => new(
        message.Key,
        Header(message, MessageHeaders.EventType),
        Header(message, MessageHeaders.EventId),
        JsonDocument.Parse(message.Value).RootElement.Clone());

    private static string Header(Message<string, byte[]> message, string name) =>
        message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : throw new KeyNotFoundException($"No {name} header.");
}
