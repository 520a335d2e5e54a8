using Accommodation.Messaging;
using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Events;
using Accommodation.Reservations.Infrastructure.Catalog;
using Accommodation.Reservations.Infrastructure.EntityConfigurations;
using Accommodation.Reservations.Infrastructure.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Reservations.Infrastructure;

public sealed class ReservationDbContext(DbContextOptions<ReservationDbContext> options) : DbContext(options)
{
    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<RoomCatalogEntry> RoomCatalog => Set<RoomCatalogEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // The overlap rule's exclusion constraint compares room numbers with = inside a GiST index.
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfiguration(new ReservationEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new RoomCatalogEntryEntityTypeConfiguration());
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
        var changed = ChangeTracker.Entries<Reservation>().Select(entry => entry.Entity).Where(r => r.DomainEvents.Count > 0).ToList();
        foreach (var reservation in changed)
        {
            foreach (var domainEvent in reservation.DomainEvents.OfType<IReservationEvent>())
            {
                this.AddOutboxMessage(ReservationIntegrationEvents.Topic, reservation.Number.Value, ReservationIntegrationEvents.From(domainEvent));
            }

            reservation.ClearDomainEvents();
        }
    }
}
