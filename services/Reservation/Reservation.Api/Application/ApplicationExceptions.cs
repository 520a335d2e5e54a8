using Accommodation.Reservations.Domain;

namespace Accommodation.Reservations.Api.Application;

/// <summary>No such reservation, or not the caller's: both are answered alike, so neither reveals that it exists.</summary>
public sealed class ReservationNotFoundException(ReservationNumber number)
    : Exception($"No reservation has number {number}.")
{
    public ReservationNumber Number { get; } = number;
}

/// <summary>A customer asked for another customer's reservations: answered as if there were no such customer.</summary>
public sealed class CustomerNotFoundException(string customerId)
    : Exception($"There is no customer {customerId} whose reservations you may read.")
{
    public string CustomerId { get; } = customerId;
}

/// <summary>The room is not in this context's catalog replica: never registered, or its event has not arrived yet.</summary>
public sealed class RoomNotInCatalogException(RoomNumber roomNumber)
    : Exception($"No room with number {roomNumber} is registered.")
{
    public RoomNumber RoomNumber { get; } = roomNumber;
}

/// <summary>Payment declined the charge; nothing was charged and the reservation is still held.</summary>
public sealed class PaymentDeclinedException(ReservationNumber number, string reason)
    : Exception($"The payment for reservation {number} was declined: {reason}")
{
    public ReservationNumber Number { get; } = number;
}

/// <summary>Payment gave no answer we can act on, or rests (circuit open); the reservation is left as it was and can be paid later.</summary>
public sealed class PaymentUnavailableException(ReservationNumber number, string reason, TimeSpan retryAfter)
    : Exception($"Payment is busy right now ({reason}); reservation {number} is left as it was, please pay again later.")
{
    public ReservationNumber Number { get; } = number;

    /// <summary>When paying again is worth a try (the circuit breaker's pause), sent as Retry-After.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
