namespace Accommodation.Reservations.Domain;

/// <summary>Held and Confirmed reservations occupy their nights; the other three have freed them for good.</summary>
public enum ReservationStatus
{
    Held,
    Confirmed,
    Cancelled,
    Expired,
    CheckedOut,
}
