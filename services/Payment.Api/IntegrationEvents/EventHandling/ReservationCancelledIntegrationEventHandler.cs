using Accommodation.Messaging;
using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure;
using Accommodation.Payments.Api.IntegrationEvents.Events;

namespace Accommodation.Payments.Api.IntegrationEvents.EventHandling;

/// <summary>
/// Refunds a paid reservation that was cancelled, by the refund policy, and publishes PaymentRefunded. The refund,
/// its outbox event and the inbox row commit together, so a redelivered cancellation refunds nothing more.
/// </summary>
public sealed partial class ReservationCancelledIntegrationEventHandler(
    PaymentDbContext dbContext,
    IPaymentRepository payments,
    RefundPolicy refundPolicy,
    PaymentRefunds refunds,
    ILogger<ReservationCancelledIntegrationEventHandler> logger)
    : IIntegrationEventHandler<ReservationCancelledIntegrationEvent>
{
    public const string Consumer = "payment";

    public async Task HandleAsync(ReservationCancelledIntegrationEvent @event, CancellationToken cancellationToken)
    {
        if (@event.PaymentId is not { } paymentId)
        {
            LogUnpaid(@event.ReservationNumber);
            return;
        }

        await dbContext.ExecuteOnceAsync(@event.Id, Consumer, ct => RefundAsync(paymentId, @event, ct), cancellationToken);
    }

    private async Task RefundAsync(Guid paymentId, ReservationCancelledIntegrationEvent @event, CancellationToken cancellationToken)
    {
        // Missing or foreign payments are contract breaches: thrown, so the message ends on the dead-letter topic.
        var payment = await payments.FindAsync(paymentId, cancellationToken)
            ?? throw new InvalidOperationException($"Reservation {@event.ReservationNumber} was paid with payment {paymentId}, which does not exist.");
        if (payment.ReservationNumber != @event.ReservationNumber)
        {
            throw new InvalidOperationException($"Payment {paymentId} is for reservation {payment.ReservationNumber}, not {@event.ReservationNumber}.");
        }

        if (payment.Status == PaymentStatus.Refunded)
        {
            LogAlreadyRefunded(paymentId, @event.ReservationNumber);
            return;
        }

        await refunds.RefundAsync(payment, refundPolicy.RateFor(@event.CheckIn, @event.CancelledAt), cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Reservation {ReservationNumber} was cancelled unpaid: nothing to refund")]
    private partial void LogUnpaid(string reservationNumber);

    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} of reservation {ReservationNumber} is already refunded")]
    private partial void LogAlreadyRefunded(Guid paymentId, string reservationNumber);
}
