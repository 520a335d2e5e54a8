using Microsoft.Extensions.Options;

namespace Accommodation.Rooms.Api.Apis;

/// <summary>Now, and today's date where the hotel is.</summary>
public sealed class HotelClock(TimeProvider time, IOptions<RoomOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, _zone).DateTime);
}
