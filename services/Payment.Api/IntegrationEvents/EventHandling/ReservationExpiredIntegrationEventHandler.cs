using Accommodation.Messaging;
using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure;
using Accommodation.Payments.Api.IntegrationEvents.Events;

namespace Accommodation.Payments.Api.IntegrationEvents.EventHandling;

/// <summary>
/// Refunds in full every approved payment of an expired reservation: a charge whose confirmation reservation lost
/// (it crashed before committing it), so the customer is not left charged. The event carries no payment id, so the
/// payments are found by reservation number. Refunds, outbox events and the inbox row commit together.
/// </summary>
public sealed partial class ReservationExpiredIntegrationEventHandler(
    PaymentDbContext dbContext,
    IPaymentRepository payments,
    PaymentRefunds refunds,
    ILogger<ReservationExpiredIntegrationEventHandler> logger)
    : IIntegrationEventHandler<ReservationExpiredIntegrationEvent>
{
    public const string Consumer = ReservationCancelledIntegrationEventHandler.Consumer;

    public Task HandleAsync(ReservationExpiredIntegrationEvent @event, CancellationToken cancellationToken) =>
        dbContext.ExecuteOnceAsync(@event.Id, Consumer, ct => RefundAsync(@event.ReservationNumber, ct), cancellationToken);

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
