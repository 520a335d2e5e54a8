namespace Accommodation.RoomView.Api.Model;

/// <summary>
/// What a customer sees of one reservation: its newest state (by <see cref="Version"/>) and what payment reported.
/// The stay is <c>[CheckIn, CheckOut)</c>.
/// </summary>
public sealed record CustomerReservation(
    string ReservationNumber,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    decimal TotalPrice,
    string Status,
    int Version,
    ReservationPayment? Payment);

/// <summary>The payment of a reservation as payment last reported it: <c>Approved</c>, or <c>Refunded</c> with what came back.</summary>
public sealed record ReservationPayment(
    Guid PaymentId, string Status, decimal Amount, decimal? RefundedAmount, decimal? RefundRate, DateTimeOffset At);
