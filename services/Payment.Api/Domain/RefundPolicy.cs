namespace Accommodation.Payments.Api.Domain;

/// <summary>
/// How much of a paid reservation is given back when the customer cancels: 3 or more days before check-in → 100 %,
/// 1–2 days before → 50 %, on the check-in day or later → 0 %. Days are counted on the hotel's calendar.
/// </summary>
public sealed class RefundPolicy(TimeZoneInfo hotelTimeZone)
{
    public const decimal Full = 1m;
    public const decimal Half = 0.5m;
    public const decimal None = 0m;

    public decimal RateFor(DateOnly checkIn, DateTimeOffset cancelledAt)
    {
        var cancelledOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cancelledAt, hotelTimeZone).DateTime);
        return RateFor(checkIn.DayNumber - cancelledOn.DayNumber);
    }

    public static decimal RateFor(int daysBeforeCheckIn) => daysBeforeCheckIn switch
    {
        >= 3 => Full,
        >= 1 => Half,
        _ => None,
    };
}
