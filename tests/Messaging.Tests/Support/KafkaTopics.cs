using System.Text;
using Accommodation.Messaging;
using Accommodation.Testing;
using Confluent.Kafka;

namespace Messaging.Tests.Support;

/// <summary>Unique topics per test, and direct access to them as a plain Kafka client.</summary>
internal static class KafkaTopics
{
    /// <summary>Creates a uniquely named topic and its dead-letter topic broker-side.</summary>
    public static async Task<string> CreateAsync(int partitions = 1)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var topic = $"room-events-{Guid.NewGuid():N}";
        await infrastructure.CreateTopicAsync(topic, partitions);
        await infrastructure.CreateTopicAsync(MessageHeaders.DeadLetterTopic(topic), partitions);
        return topic;
    }

    public static Task ProduceAsync(string topic, string key, byte[] value, params (string Name, string Value)[] headers) =>
        ProduceAsync(new TopicPartition(topic, Partition.Any), key, value, headers);

    /// <summary>Produces to one partition (<see cref="Partition.Any"/>: the one the key hashes to).</summary>
    public static async Task ProduceAsync(TopicPartition partition, string key, byte[] value, params (string Name, string Value)[] headers)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        using var producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = infrastructure.KafkaBootstrapServers, EnableIdempotence = true }).Build();
        var kafkaHeaders = new Headers();
        foreach (var (name, headerValue) in headers)
        {
            kafkaHeaders.Add(name, Encoding.UTF8.GetBytes(headerValue));
        }

        await producer.ProduceAsync(partition, new Message<string, byte[]> { Key = key, Value = value, Headers = kafkaHeaders });
    }

    /// <summary>Produces <paramref name="event"/> as the relay would (headers event-id and event-type).</summary>
    public static Task ProduceEventAsync(string topic, string key, IntegrationEvent @event) =>
        ProduceEventAsync(new TopicPartition(topic, Partition.Any), key, @event);

    public static Task ProduceEventAsync(TopicPartition partition, string key, IntegrationEvent @event) =>
        ProduceAsync(partition, key, IntegrationEventSerializer.Serialize(@event),
            (MessageHeaders.EventId, @event.Id.ToString()),
            (MessageHeaders.EventType, IntegrationEventSerializer.EventTypeName(@event.GetType())));

    /// <summary>Every message on the topic right now: reads each partition up to its high watermark.</summary>
    public static async Task<IReadOnlyList<ConsumeResult<string, byte[]>>> ReadAllAsync(string topic, int partitions)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        return await Task.Run(() => ReadAll(infrastructure.KafkaBootstrapServers, topic, partitions));
    }

    private static List<ConsumeResult<string, byte[]>> ReadAll(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        var remaining = Enumerable.Range(0, partitions)
            .Select(partition => new TopicPartition(topic, partition))
            .ToDictionary(p => p.Partition.Value, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(remaining.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var messages = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (remaining.Any(p => p.Value > 0 && ConsumedUpTo(messages, p.Key) < p.Value))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Reading {topic} up to its high watermarks took too long.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null } result)
            {
                messages.Add(result);
            }
        }

        return messages;
    }

    private static long ConsumedUpTo(List<ConsumeResult<string, byte[]>> messages, int partition) =>
        messages.Where(m => m.Partition.Value == partition).Select(m => m.Offset.Value + 1).DefaultIfEmpty(0).Max();

    public static string Header(this ConsumeResult<string, byte[]> result, string name) =>
        result.Message.Headers.TryGetLastBytes(name, out var value)
            ? Encoding.UTF8.GetString(value)
            : throw new KeyNotFoundException($"No header {name}.");
}
