namespace Accommodation.Reservations.Api.Application;

/// <summary>Bound from the configuration section <c>Reservation</c>.</summary>
public sealed class ReservationOptions
{
    public const string SectionName = "Reservation";

    /// <summary>How long an unpaid reservation holds its nights.</summary>
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the hold expiry scan looks for holds that ran out.</summary>
    public TimeSpan HoldExpiryScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The hotel's time zone (IANA id): it decides what "today" is for check-in dates and reservation numbers.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";
}
