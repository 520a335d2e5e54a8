using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns librdkafka's statistics (JSON every statistics.interval.ms) into OpenTelemetry instruments,
/// named as Aspire's Kafka integration names them, plus the lag of each consumer.
/// </summary>
internal sealed class KafkaClientMetrics
{
    public const string MeterName = "Confluent.Kafka";

    private readonly ConcurrentDictionary<string, KafkaStatistics> _latest = new();
    private readonly ConcurrentDictionary<string, ConsumerAssignment> _assignments = new();

    public KafkaClientMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("messaging.kafka.producer.queue.message_count", () => Observe(s => s.QueuedMessages, "producer"),
            description: "Messages waiting in the producer queue to be sent or acknowledged.");
        meter.CreateObservableGauge("messaging.kafka.producer.queue.size", () => Observe(s => s.QueuedBytes, "producer"), unit: "By",
            description: "Bytes waiting in the producer queue.");
        meter.CreateObservableCounter("messaging.kafka.network.tx", () => Observe(s => s.Requests, null),
            description: "Requests sent to brokers.");
        meter.CreateObservableCounter("messaging.kafka.network.transmitted", () => Observe(s => s.RequestBytes, null), unit: "By",
            description: "Bytes sent to brokers.");
        meter.CreateObservableCounter("messaging.kafka.network.rx", () => Observe(s => s.Responses, null),
            description: "Responses received from brokers.");
        meter.CreateObservableCounter("messaging.kafka.network.received", () => Observe(s => s.ResponseBytes, null), unit: "By",
            description: "Bytes received from brokers.");
        meter.CreateObservableCounter("messaging.kafka.message.tx", () => Observe(s => s.MessagesSent, "producer"),
            description: "Messages sent to brokers.");
        meter.CreateObservableCounter("messaging.kafka.message.rx", () => Observe(s => s.MessagesReceived, "consumer"),
            description: "Messages consumed from brokers.");
        meter.CreateObservableGauge("messaging.kafka.consumer.lag", ObserveConsumerLag, unit: "{message}",
            description: "Messages on the partitions assigned to the consumer that it has not yet processed, per consumer group and topic.");
    }

    public void Record(string statisticsJson)
    {
        var statistics = JsonSerializer.Deserialize<KafkaStatistics>(statisticsJson);
        if (statistics?.Name is { } name)
        {
            _latest[name] = statistics;
        }
    }

    /// <summary>The consumer <paramref name="clientName"/> of <paramref name="consumerGroup"/> got <paramref name="partitions"/>.</summary>
    public void PartitionsAssigned(string clientName, string? consumerGroup, IEnumerable<TopicPartition> partitions) =>
        _assignments.AddOrUpdate(clientName,
            static (_, added) => new ConsumerAssignment(added.Group, [.. added.Partitions]),
            static (_, current, added) => new ConsumerAssignment(added.Group, current.Partitions.Union(added.Partitions)),
            (Group: consumerGroup, Partitions: partitions.Select(Key)));

    /// <summary>
    /// The consumer <paramref name="clientName"/> gave <paramref name="partitions"/> up (a rebalance, or closing):
    /// their lag is another consumer's now, or nobody's, whatever statistics this one still delivers.
    /// </summary>
    public void PartitionsRevoked(string clientName, IEnumerable<TopicPartition> partitions)
    {
        var revoked = partitions.Select(Key).ToList();
        while (_assignments.TryGetValue(clientName, out var current))
        {
            var remaining = current with { Partitions = current.Partitions.Except(revoked) };
            if (remaining.Partitions.IsEmpty
                    ? _assignments.TryRemove(KeyValuePair.Create(clientName, current))
                    : _assignments.TryUpdate(clientName, remaining, current))
            {
                return;
            }
        }
    }

    private static (string Topic, int Partition) Key(TopicPartition partition) => (partition.Topic, partition.Partition.Value);

    // Per consumer and topic, the sum over its assigned partitions whose lag is known (librdkafka's internal partition -1 never is one).
    private IEnumerable<Measurement<long>> ObserveConsumerLag()
    {
        foreach (var (clientName, assignment) in _assignments)
        {
            if (!_latest.TryGetValue(clientName, out var statistics))
            {
                continue;
            }

            foreach (var (topic, topicStatistics) in statistics.Topics ?? [])
            {
                var lags = (topicStatistics.Partitions ?? [])
                    .Where(partition => int.TryParse(partition.Key, CultureInfo.InvariantCulture, out var id)
                        && assignment.Partitions.Contains((topic, id)))
                    .Select(partition => LagOf(partition.Value))
                    .Where(lag => lag >= 0)
                    .ToList();
                if (lags.Count > 0)
                {
                    yield return new Measurement<long>(lags.Sum(),
                        new KeyValuePair<string, object?>("messaging.consumer.group.name", assignment.Group),
                        new KeyValuePair<string, object?>("messaging.destination.name", topic),
                        new KeyValuePair<string, object?>("messaging.client_id", statistics.ClientId));
                }
            }
        }
    }

    // consumer_lag_stored is current (offsets are stored as messages are handled) but -1 until this assignment stores one; then the committed consumer_lag stands in.
    private static long LagOf(KafkaPartitionStatistics partition) =>
        partition.ConsumerLagStored >= 0 ? partition.ConsumerLagStored : partition.ConsumerLag;

    private IEnumerable<Measurement<long>> Observe(Func<KafkaStatistics, long> value, string? clientType) =>
        _latest.Values
            .Where(statistics => clientType is null || statistics.Type == clientType)
            .Select(statistics => new Measurement<long>(value(statistics),
                new KeyValuePair<string, object?>("messaging.client_id", statistics.ClientId),
                new KeyValuePair<string, object?>("messaging.kafka.client.type", statistics.Type)));

    private sealed record ConsumerAssignment(string? Group, ImmutableHashSet<(string Topic, int Partition)> Partitions);

    // The fields of librdkafka's STATISTICS.md that the instruments above report.
    private sealed record KafkaStatistics(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("msg_cnt")] long QueuedMessages,
        [property: JsonPropertyName("msg_size")] long QueuedBytes,
        [property: JsonPropertyName("tx")] long Requests,
        [property: JsonPropertyName("tx_bytes")] long RequestBytes,
        [property: JsonPropertyName("rx")] long Responses,
        [property: JsonPropertyName("rx_bytes")] long ResponseBytes,
        [property: JsonPropertyName("txmsgs")] long MessagesSent,
        [property: JsonPropertyName("rxmsgs")] long MessagesReceived,
        [property: JsonPropertyName("topics")] Dictionary<string, KafkaTopicStatistics>? Topics);

    private sealed record KafkaTopicStatistics(
        [property: JsonPropertyName("partitions")] Dictionary<string, KafkaPartitionStatistics>? Partitions);

    private sealed record KafkaPartitionStatistics(
        [property: JsonPropertyName("consumer_lag")] long ConsumerLag,
        [property: JsonPropertyName("consumer_lag_stored")] long ConsumerLagStored);
}
