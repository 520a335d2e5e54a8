namespace Accommodation.Reservations.Domain.Ports;

/// <summary>The payment context, called synchronously: a reservation is confirmed only with an approved payment.</summary>
public interface IPaymentService
{
    /// <summary>Asks for <paramref name="request"/>'s amount; retrying the same attempt never charges twice.</summary>
    Task<PaymentResult> PayAsync(PaymentRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Asked before anything is locked: the "pay later" answer while payment rests after failing (its circuit is open),
    /// or null when payment may be asked (after the pause, the one pay that gets null is the breaker's trial).
    /// </summary>
    PaymentResult.Unavailable? AnswerWhileResting();
}

public sealed record PaymentRequest(ReservationNumber ReservationNumber, CustomerId CustomerId, decimal Amount, int Attempt)
{
    public static PaymentRequest For(Reservation reservation) =>
        new(reservation.Number, reservation.CustomerId, reservation.TotalPrice, reservation.PaymentAttempt);
}

/// <summary>What payment answered: approved, declined, or no answer we can act on (so the customer pays later).</summary>
public abstract record PaymentResult
{
    public sealed record Approved(Guid PaymentId) : PaymentResult;

    public sealed record Declined(string Reason) : PaymentResult;

    /// <summary>No usable answer; <see cref="RetryAfter"/> is when paying again is worth a try.</summary>
    public sealed record Unavailable(string Reason, TimeSpan RetryAfter) : PaymentResult;
}
