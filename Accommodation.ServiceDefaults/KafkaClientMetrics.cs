using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns librdkafka's statistics (JSON every statistics.interval.ms) into OpenTelemetry instruments,
/// named as Aspire's Kafka integration names them.
/// </summary>
internal sealed class KafkaClientMetrics
{
    public const string MeterName = "Confluent.Kafka";

    private readonly ConcurrentDictionary<string, KafkaStatistics> _latest = new();

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
    }

    public void Record(string statisticsJson)
    {
        var statistics = JsonSerializer.Deserialize<KafkaStatistics>(statisticsJson);
        if (statistics?.Name is { } name)
        {
            _latest[name] = statistics;
        }
    }

    private IEnumerable<Measurement<long>> Observe(Func<KafkaStatistics, long> value, string? clientType) =>
        _latest.Values
            .Where(statistics => clientType is null || statistics.Type == clientType)
            .Select(statistics => new Measurement<long>(value(statistics),
                new KeyValuePair<string, object?>("messaging.client_id", statistics.ClientId),
                new KeyValuePair<string, object?>("messaging.kafka.client.type", statistics.Type)));

    // The top-level fields of librdkafka's STATISTICS.md that the instruments above report.
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
        [property: JsonPropertyName("rxmsgs")] long MessagesReceived);
}
