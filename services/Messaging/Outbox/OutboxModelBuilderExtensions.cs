using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Accommodation.Messaging;

public static class OutboxModelBuilderExtensions
{
    /// <summary>Maps <see cref="OutboxMessage"/> to the table <c>outbox_messages</c>; call from OnModelCreating.</summary>
    public static ModelBuilder AddOutboxMessages(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            // Keyed by sequence: EF inserts the Added rows of one SaveChanges in key order, and temporary
            // identity keys follow the order of AddOutboxMessage calls; a Guid key would shuffle them.
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.HasIndex(m => m.Id).HasDatabaseName("ux_outbox_messages_id").IsUnique();
            outbox.Property(m => m.Topic).HasColumnName("topic").HasMaxLength(249);
            outbox.Property(m => m.Key).HasColumnName("key");
            outbox.Property(m => m.EventType).HasColumnName("event_type").HasMaxLength(200);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.Headers).HasColumnName("headers").HasColumnType("jsonb")
                .HasConversion(
                    headers => JsonSerializer.Serialize(headers, (JsonSerializerOptions?)null),
                    json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new(),
                    new ValueComparer<Dictionary<string, string>>(
                        (left, right) => left!.SequenceEqual(right!),
                        headers => headers.Aggregate(0, (hash, header) => HashCode.Combine(hash, header.Key, header.Value)),
                        headers => new Dictionary<string, string>(headers)));
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");

            // The relay's query: unsent rows in insertion order.
            outbox.HasIndex(m => m.Sequence).HasDatabaseName("ix_outbox_messages_unsent").HasFilter("sent_at IS NULL");
            // The clean-up's query: sent rows older than the retention period.
            outbox.HasIndex(m => m.SentAt).HasDatabaseName("ix_outbox_messages_sent_at").HasFilter("sent_at IS NOT NULL");
        });
        return modelBuilder;
    }
}
