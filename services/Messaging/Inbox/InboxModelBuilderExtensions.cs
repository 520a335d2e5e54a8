using Microsoft.EntityFrameworkCore;

namespace Accommodation.Messaging;

public static class InboxModelBuilderExtensions
{
    /// <summary>Maps <see cref="InboxMessage"/> to the table <c>inbox_messages</c>; call from OnModelCreating.</summary>
    public static ModelBuilder AddInboxMessages(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.EventId, m.Consumer });
            inbox.Property(m => m.EventId).HasColumnName("event_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });
        return modelBuilder;
    }
}
