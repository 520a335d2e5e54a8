using Accommodation.Messaging;
using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure;
using Accommodation.Payments.Api.Infrastructure.Idempotency;
using Accommodation.Payments.Api.IntegrationEvents.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Accommodation.Payments.Api.IntegrationEvents.EventHandling;

/// <summary>
/// Refunds in full every approved payment of an expired reservation: a charge whose confirmation reservation lost
/// (it crashed before committing it, or gave up waiting for a slow charge), so the customer is not left charged. The
/// event carries no payment id, so the payments are found by reservation number. Refunds, outbox events and the inbox
/// row commit together.
/// </summary>
public sealed partial class ReservationExpiredIntegrationEventHandler(
    PaymentDbContext dbContext,
    IPaymentRepository payments,
    PaymentRefunds refunds,
    TimeProvider clock,
    IOptions<IdempotencyOptions> idempotency,
    ILogger<ReservationExpiredIntegrationEventHandler> logger)
    : IIntegrationEventHandler<ReservationExpiredIntegrationEvent>
{
    public const string Consumer = ReservationCancelledIntegrationEventHandler.Consumer;

    public async Task HandleAsync(ReservationExpiredIntegrationEvent @event, CancellationToken cancellationToken)
    {
        // A charge reservation stopped waiting for may be approved after this look and never refunded: wait for it.
        // A TimeoutException is transient to the consumer host, so the expiry is handled again after a backoff.
        if (await ChargeInFlightAsync(@event.ReservationNumber, cancellationToken))
        {
            throw new TimeoutException($"A charge of reservation {@event.ReservationNumber} is still under way; its expiry waits for it.");
        }

        await dbContext.ExecuteOnceAsync(@event.Id, Consumer, ct => RefundAsync(@event.ReservationNumber, ct), cancellationToken);
    }

    // Reservation's Idempotency-Keys are reservation-{number}-{attempt} (docs/events.md); an abandoned key no longer counts.
    private Task<bool> ChargeInFlightAsync(string reservationNumber, CancellationToken cancellationToken)
    {
        var keyPrefix = $"reservation-{reservationNumber}-";
        var abandonedBefore = clock.GetUtcNow() - idempotency.Value.InFlightTimeout;
        return dbContext.IdempotencyRecords.AnyAsync(record => record.Key.StartsWith(keyPrefix)
            && record.State == IdempotencyState.InFlight && record.LockedAt > abandonedBefore, cancellationToken);
    }

    private async Task RefundAsync(string reservationNumber, CancellationToken cancellationToken)
    {
        var approved = await payments.ListApprovedByReservationAsync(reservationNumber, cancellationToken);
        if (approved.Count == 0)
        {
            LogNothingCharged(reservationNumber);
            return;
        }

        foreach (var payment in approved)
        {
            LogLostConfirmation(payment.Id, reservationNumber);
            await refunds.RefundAsync(payment, RefundPolicy.Full, cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Reservation {ReservationNumber} expired with no approved payment: nothing to refund")]
    private partial void LogNothingCharged(string reservationNumber);

    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} of expired reservation {ReservationNumber} lost its confirmation: refunding in full")]
    private partial void LogLostConfirmation(Guid paymentId, string reservationNumber);
}
