namespace Accommodation.Reservations.Domain;

/// <summary>A reservation was asked for a change its status does not allow (e.g. paying a cancelled one).</summary>
public sealed class ReservationTransitionException(ReservationNumber number, ReservationStatus status, string change, string? reason = null)
    : Exception(reason ?? $"Reservation {number} is {status}; it cannot be {change}.")
{
    public ReservationNumber Number { get; } = number;

    public ReservationStatus Status { get; } = status;
}
