using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace Accommodation.Messaging;

/// <summary>Traces and metrics of the outbox relay and the consumer host; ServiceDefaults listens to <see cref="Name"/>.</summary>
public static class MessagingTelemetry
{
    public const string Name = TelemetryNames.Messaging;

    internal static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "messaging.client.sent.messages", "{message}", "Outbox messages delivered to Kafka.");

    internal static readonly Counter<long> Consumed = Meter.CreateCounter<long>(
        "messaging.client.consumed.messages", "{message}", "Messages handled successfully by a consumer.");

    internal static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        "messaging.client.dead_lettered.messages", "{message}", "Messages moved to a dead-letter topic.");

    internal static Activity? StartPublish(string topic, string key, Guid eventId, string? traceParent, string? traceState)
    {
        var activity = ActivitySource.StartActivity(
            $"{topic} publish", ActivityKind.Producer, ParentContext(traceParent, traceState));
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.kafka.message.key", key);
        activity?.SetTag("messaging.message.id", eventId.ToString());
        return activity;
    }

    internal static Activity? StartProcess(
        string topic, int partition, long offset, string consumerGroup, string? traceParent, string? traceState)
    {
        var activity = ActivitySource.StartActivity(
            $"{topic} process", ActivityKind.Consumer, ParentContext(traceParent, traceState));
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.destination.partition.id", partition.ToString(CultureInfo.InvariantCulture));
        activity?.SetTag("messaging.kafka.offset", offset);
        activity?.SetTag("messaging.consumer.group.name", consumerGroup);
        return activity;
    }

    internal static void RecordError(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.AddException(exception);
    }

    // A missing or malformed traceparent starts a new trace rather than failing the message.
    private static ActivityContext ParentContext(string? traceParent, string? traceState) =>
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
}
