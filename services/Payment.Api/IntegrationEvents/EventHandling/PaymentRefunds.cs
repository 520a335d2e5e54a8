using Accommodation.Payments.Api.Domain;

namespace Accommodation.Payments.Api.IntegrationEvents.EventHandling;

/// <summary>
/// The one refund path: refunds a tracked payment at a rate and gives the money back through the payment gateway.
/// The caller saves, so the refund and its outbox event commit with the caller's inbox row.
/// </summary>
public sealed partial class PaymentRefunds(IPaymentGateway gateway, TimeProvider clock, ILogger<PaymentRefunds> logger)
{
    public async Task RefundAsync(Payment payment, decimal refundRate, CancellationToken cancellationToken)
    {
        payment.Refund(refundRate, clock.GetUtcNow());
        if (payment.RefundedAmount > 0)
        {
            // One refund per payment: the PG deduplicates a retried refund by this key.
            await gateway.RefundAsync(new RefundRequest($"refund-{payment.Id}", payment.GatewayTransactionId, payment.RefundedAmount.Value), cancellationToken);
        }

        LogRefunded(payment.Id, payment.ReservationNumber, payment.RefundedAmount!.Value, payment.RefundRate!.Value);
    }

    [LoggerMessage(LogLevel.Information, "Refunded {RefundedAmount} KRW (rate {RefundRate}) of payment {PaymentId} for reservation {ReservationNumber}")]
    private partial void LogRefunded(Guid paymentId, string reservationNumber, decimal refundedAmount, decimal refundRate);
}
