namespace Accommodation.Messaging;

/// <summary>Records that a consumer has applied the effect of an event, so a redelivery has none.</summary>
public sealed class InboxMessage
{
    internal InboxMessage(Guid eventId, string consumer, DateTimeOffset processedAt)
    {
        EventId = eventId;
        Consumer = consumer;
        ProcessedAt = processedAt;
    }

    public Guid EventId { get; private set; }

    /// <summary>Who handled it: several consumers in one service may each apply the same event once.</summary>
    public string Consumer { get; private set; }

    public DateTimeOffset ProcessedAt { get; private set; }
}
