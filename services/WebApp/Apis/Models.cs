namespace Accommodation.WebApp.Apis;

// The web app's own copies of what the APIs answer (each service owns its contract; nothing is shared by reference).
// Statuses stay strings: a status a newer service adds shows as it is instead of failing the page.

/// <summary>A room as customers browse it (roomview).</summary>
public sealed record RoomInfo(string Number, string Type, string Name, decimal PricePerNight, int Version);

/// <summary>Each night of <c>[From, To)</c>: <c>Available</c> or <c>Unavailable</c> (예약가능 / 예약불가).</summary>
public sealed record RoomAvailability(string Number, DateOnly From, DateOnly To, IReadOnlyList<NightAvailability> Nights);

public sealed record NightAvailability(DateOnly Night, string Status)
{
    public bool IsAvailable => Status == "Available";
}

/// <summary>One of the customer's reservations as roomview keeps it: its newest status and what payment reported.</summary>
public sealed record CustomerReservation(
    string ReservationNumber,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    decimal TotalPrice,
    string Status,
    int Version,
    ReservationPayment? Payment)
{
    public int Nights => CheckOut.DayNumber - CheckIn.DayNumber;
}

public sealed record ReservationPayment(Guid PaymentId, string Status, decimal Amount, decimal? RefundedAmount, decimal? RefundRate, DateTimeOffset At);

/// <summary>A reservation as the reservation service answers it.</summary>
public sealed record Reservation(
    string Number,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Nights,
    decimal PricePerNight,
    decimal TotalPrice,
    string Status,
    DateTimeOffset HoldExpiresAt,
    int Version);

/// <summary>A room as managers keep it (room service).</summary>
public sealed record Room(string Number, string Type, string Name, decimal PricePerNight, string Status, int Version);

public sealed record RoomNights(string Number, DateOnly From, DateOnly To, IReadOnlyList<NightAvailability> Nights);

public sealed record RoomCheckOut(string Number, string ReservationNumber, DateTimeOffset CheckedOutAt);

public sealed record Notice(Guid Id, string ReservationNumber, string Kind, string Message, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

public sealed record Page<T>(int PageIndex, int PageSize, long Count, IReadOnlyList<T> Data);

/// <summary>The room types the room service knows.</summary>
public static class RoomTypes
{
    public static readonly IReadOnlyList<string> All = ["Standard", "Deluxe", "Suite", "Family"];
}
