using Accommodation.Rooms.Api.Apis;
using Accommodation.Rooms.Tests.Functional;
using Microsoft.Extensions.Options;

namespace Accommodation.Rooms.Tests.Apis;

public sealed class HotelClockTests
{
    [Fact]
    public void Today_is_the_date_in_the_hotel_time_zone_not_in_UTC()
    {
        // 20:00 UTC on the 9th is 05:00 on the 10th in Seoul.
        var clock = new HotelClock(new ShiftedClock(new DateTimeOffset(2031, 3, 9, 20, 0, 0, TimeSpan.Zero)), Options.Create(new RoomOptions()));

        Assert.Equal(new DateOnly(2031, 3, 10), clock.Today);
    }
}
