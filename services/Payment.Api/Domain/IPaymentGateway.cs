namespace Accommodation.Payments.Api.Domain;

/// <summary>
/// The port to the payment gateway (PG) that moves the money. Adapters pass <c>IdempotencyKey</c> on to the PG,
/// so a charge retried after a crash or a lost answer is not made twice.
/// </summary>
public interface IPaymentGateway
{
    /// <exception cref="PaymentGatewayUnavailableException">The PG did not answer; nothing is known to be charged.</exception>
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    /// <exception cref="PaymentGatewayUnavailableException">The PG did not answer; try again with the same key.</exception>
    Task RefundAsync(RefundRequest request, CancellationToken cancellationToken);
}

public sealed record ChargeRequest(string IdempotencyKey, string ReservationNumber, string CustomerId, decimal Amount);

public sealed record RefundRequest(string IdempotencyKey, string GatewayTransactionId, decimal Amount);

/// <summary>The PG's answer to a charge: approved with its transaction id, or declined with a reason.</summary>
public abstract record ChargeResult
{
    public sealed record Approved(string GatewayTransactionId) : ChargeResult;

    public sealed record Declined(string Reason) : ChargeResult;
}

/// <summary>The payment gateway could not be reached or did not answer in time.</summary>
public sealed class PaymentGatewayUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
