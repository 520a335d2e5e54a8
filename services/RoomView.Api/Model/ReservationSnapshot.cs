namespace Accommodation.RoomView.Api.Model;

/// <summary>One version of a reservation as the reservation context published it.</summary>
public sealed record ReservationSnapshot(
    string ReservationNumber,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    decimal TotalPrice,
    string Status,
    int Version)
{
    public const int MaxNights = 366;

    private static readonly string[] Statuses = ["Held", "Confirmed", "Cancelled", "Expired", "CheckedOut"];

    /// <summary>Held and confirmed reservations hold their nights; cancelled, expired and checked-out ones free them.</summary>
    public bool HoldsNights => Status is "Held" or "Confirmed";

    /// <summary>What is wrong with this snapshot for the view, or null when nothing is.</summary>
    public string? Problem() =>
        !Statuses.Contains(Status) ? $"Unknown reservation status '{Status}'."
        : CheckOut <= CheckIn || CheckOut.DayNumber - CheckIn.DayNumber > MaxNights ? $"A stay is 1 to {MaxNights} nights."
        : string.IsNullOrEmpty(ReservationNumber) || string.IsNullOrEmpty(CustomerId) || string.IsNullOrEmpty(RoomNumber)
            ? "A reservation names its number, customer and room."
        : null;
}

/// <summary>What payment reported for a reservation; a refund outranks the approval it undoes.</summary>
public sealed record PaymentSnapshot(
    string ReservationNumber,
    string CustomerId,
    Guid PaymentId,
    string Status,
    decimal Amount,
    decimal? RefundedAmount,
    decimal? RefundRate,
    DateTimeOffset At)
{
    public const string Approved = "Approved";
    public const string Refunded = "Refunded";

    /// <summary>Payment events carry no version; a payment only moves from approved to refunded, so that order is the version.</summary>
    public int Rank => Status == Refunded ? 2 : 1;
}
