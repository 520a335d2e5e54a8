namespace Accommodation.WebApp.Localization;

/// <summary>The hotel's day: nights are the hotel's dates (Asia/Seoul by default), wherever the server or guest is.</summary>
public sealed class HotelCalendar(TimeProvider clock, IConfiguration configuration)
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(configuration["WebApp:TimeZone"] ?? "Asia/Seoul");

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _timeZone).DateTime);

    /// <summary>A moment as the hotel's local time.</summary>
    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _timeZone).DateTime;
}
