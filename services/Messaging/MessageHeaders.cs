namespace Accommodation.Messaging;

/// <summary>Kafka header names written by the relay and the dead-letter publisher.</summary>
public static class MessageHeaders
{
    public const string EventId = "event-id";
    public const string EventType = "event-type";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public const string DeadLetterOriginalTopic = "dlt-original-topic";
    public const string DeadLetterOriginalPartition = "dlt-original-partition";
    public const string DeadLetterOriginalOffset = "dlt-original-offset";
    public const string DeadLetterConsumerGroup = "dlt-consumer-group";
    public const string DeadLetterExceptionType = "dlt-exception-type";
    public const string DeadLetterExceptionMessage = "dlt-exception-message";

    /// <summary>Where a message that could not be handled from <paramref name="topic"/> is parked.</summary>
    public static string DeadLetterTopic(string topic) => topic + ".dlt";
}
