namespace Accommodation.Reservations.Domain;

/// <summary>An input broke a rule of the reservation domain; <see cref="Field"/> names the offending input.</summary>
public sealed class ReservationDomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
