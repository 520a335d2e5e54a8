using System.Globalization;
using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Api.Infrastructure;

/// <summary>How a reservation is laid out in a Redis hash (field names match ApplyReservationEvent.lua and ApplyPaymentEvent.lua).</summary>
internal static class ReservationHash
{
    public static RedisValue[] ToScriptArguments(ReservationSnapshot reservation, TimeSpan eventMarkerLifetime, RedisValue changeChannel) =>
    [
        reservation.ReservationNumber,
        reservation.CustomerId,
        reservation.RoomNumber,
        Date(reservation.CheckIn),
        Date(reservation.CheckOut),
        reservation.CheckIn.DayNumber,
        reservation.CheckOut.DayNumber,
        Number(reservation.TotalPrice),
        reservation.Status,
        reservation.Version,
        reservation.HoldsNights ? "1" : "0",
        (long)eventMarkerLifetime.TotalSeconds,
        changeChannel,
    ];

    public static RedisValue[] ToScriptArguments(PaymentSnapshot payment, TimeSpan eventMarkerLifetime, RedisValue changeChannel) =>
    [
        payment.Rank,
        payment.PaymentId.ToString(),
        payment.Status,
        Number(payment.Amount),
        payment.RefundedAmount is { } refunded ? Number(refunded) : "",
        payment.RefundRate is { } rate ? Number(rate) : "",
        payment.At.ToString("O", CultureInfo.InvariantCulture),
        (long)eventMarkerLifetime.TotalSeconds,
        changeChannel,
        payment.ReservationNumber,
    ];

    /// <summary>The reservation, or null while only payment fields (or nothing) are stored.</summary>
    public static CustomerReservation? FromHash(HashEntry[] entries)
    {
        var fields = entries.ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString());
        if (!fields.ContainsKey("version"))
        {
            return null;
        }

        return new CustomerReservation(
            fields["reservationNumber"],
            fields["customerId"],
            fields["roomNumber"],
            DateOnly.ParseExact(fields["checkIn"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(fields["checkOut"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ParseNumber(fields["totalPrice"]),
            fields["status"],
            int.Parse(fields["version"], CultureInfo.InvariantCulture),
            fields.ContainsKey("paymentRank") ? PaymentFrom(fields) : null);
    }

    private static ReservationPayment PaymentFrom(Dictionary<string, string> fields) => new(
        Guid.Parse(fields["paymentId"]),
        fields["paymentStatus"],
        ParseNumber(fields["paymentAmount"]),
        fields.TryGetValue("refundedAmount", out var refunded) ? ParseNumber(refunded) : null,
        fields.TryGetValue("refundRate", out var rate) ? ParseNumber(rate) : null,
        DateTimeOffset.Parse(fields["paymentAt"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal ParseNumber(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
}
