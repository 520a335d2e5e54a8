namespace Accommodation.Rooms.Api.Domain;

/// <summary>A reservation's status as the reservation context publishes it.</summary>
public enum ReservationStatus
{
    Held,
    Confirmed,
    Cancelled,
    Expired,
    CheckedOut,
}
