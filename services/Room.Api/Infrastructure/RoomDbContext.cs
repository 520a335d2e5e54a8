using Accommodation.Messaging;
using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Infrastructure.EntityConfigurations;
using Accommodation.Rooms.Api.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Rooms.Api.Infrastructure;

public sealed class RoomDbContext(DbContextOptions<RoomDbContext> options) : DbContext(options)
{
    public DbSet<Room> Rooms => Set<Room>();

    public DbSet<RoomReservation> RoomReservations => Set<RoomReservation>();

    public DbSet<RoomNight> RoomNights => Set<RoomNight>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new RoomEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new RoomReservationEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new RoomNightEntityTypeConfiguration());
        modelBuilder.AddOutboxMessages();
        modelBuilder.AddInboxMessages();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnqueueIntegrationEvents();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The outbox rows join the state change in this SaveChanges' transaction: no event without the change, nor the reverse.
    private void EnqueueIntegrationEvents()
    {
        var rooms = ChangeTracker.Entries<Room>().Select(entry => entry.Entity).Where(room => room.DomainEvents.Count > 0).ToList();
        foreach (var room in rooms)
        {
            foreach (var domainEvent in room.DomainEvents)
            {
                this.AddOutboxMessage(RoomIntegrationEvents.Topic, room.Number.Value, RoomIntegrationEvents.From(domainEvent));
            }

            room.ClearDomainEvents();
        }
    }
}
