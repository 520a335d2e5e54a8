using Microsoft.EntityFrameworkCore;

namespace Accommodation.Messaging;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Enqueues <paramref name="event"/> for <paramref name="topic"/>; it is written by the same SaveChanges
    /// (and so the same transaction) as the state change, and published by the relay after the commit.
    /// </summary>
    public static void AddOutboxMessage(this DbContext dbContext, string topic, string key, IntegrationEvent @event)
    {
        ArgumentNullException.ThrowIfNull(dbContext);
        dbContext.Set<OutboxMessage>().Add(OutboxMessage.Create(topic, key, @event));
        PendingOutboxMessages.Mark(dbContext);
    }
}
