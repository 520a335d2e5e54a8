using Accommodation.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Support;

/// <summary>A service's DbContext in miniature: one state table plus the outbox and the inbox.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Effect>(effect =>
        {
            effect.ToTable("effects");
            effect.HasKey(e => e.Id);
        });
        modelBuilder.AddOutboxMessages();
        modelBuilder.AddInboxMessages();
    }
}

/// <summary>A row written as the effect of handling an event (or as the state change that raises one).</summary>
public sealed class Effect(Guid eventId, string description)
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; } = eventId;

    public string Description { get; private set; } = description;
}
