using Accommodation.Reservations.Domain;

namespace Accommodation.Reservations.Api.Apis;

public sealed record ReservationResponse(
    string Number,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Nights,
    decimal PricePerNight,
    decimal TotalPrice,
    ReservationStatus Status,
    DateTimeOffset HoldExpiresAt,
    Guid? PaymentId,
    int Version,
    DateTimeOffset PlacedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset? CheckedOutAt)
{
    public static ReservationResponse From(Reservation reservation) => new(
        reservation.Number.Value,
        reservation.CustomerId.Value,
        reservation.RoomNumber.Value,
        reservation.Stay.CheckIn,
        reservation.Stay.CheckOut,
        reservation.Stay.Nights,
        reservation.PricePerNight,
        reservation.TotalPrice,
        reservation.Status,
        reservation.HoldExpiresAt,
        reservation.PaymentId,
        reservation.Version,
        reservation.PlacedAt,
        reservation.ConfirmedAt,
        reservation.CancelledAt,
        reservation.ExpiredAt,
        reservation.CheckedOutAt);
}

public sealed record PaginatedItems<TItem>(int PageIndex, int PageSize, long Count, IReadOnlyList<TItem> Data);
