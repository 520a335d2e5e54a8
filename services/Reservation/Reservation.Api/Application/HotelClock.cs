using Microsoft.Extensions.Options;

namespace Accommodation.Reservations.Api.Application;

/// <summary>Now, and today's date where the hotel is.</summary>
public sealed class HotelClock(TimeProvider time, IOptions<ReservationOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>To the microsecond, as PostgreSQL stores it: what a response or an event says equals what a later read says.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = time.GetUtcNow();
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        }
    }

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, _zone).DateTime);
}
