using Accommodation.Messaging;
using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure.EntityConfigurations;
using Accommodation.Payments.Api.Infrastructure.Idempotency;
using Accommodation.Payments.Api.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Payments.Api.Infrastructure;

public sealed class PaymentDbContext(DbContextOptions<PaymentDbContext> options) : DbContext(options)
{
    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new PaymentEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new IdempotencyRecordEntityTypeConfiguration());
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
        var payments = ChangeTracker.Entries<Payment>().Select(entry => entry.Entity).Where(payment => payment.DomainEvents.Count > 0).ToList();
        foreach (var payment in payments)
        {
            foreach (var domainEvent in payment.DomainEvents)
            {
                this.AddOutboxMessage(PaymentIntegrationEvents.Topic, payment.ReservationNumber, PaymentIntegrationEvents.From(domainEvent));
            }

            payment.ClearDomainEvents();
        }
    }
}
