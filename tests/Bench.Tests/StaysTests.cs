using Accommodation.Bench.Measurements;

namespace Bench.Tests;

public sealed class StaysTests
{
    private static readonly DateOnly FirstNight = new(2026, 11, 27);

    [Fact]
    public void Every_stay_handed_out_is_a_night_of_a_room_nobody_else_got_even_from_many_threads()
    {
        var stays = Stays.Of(["A", "B", "C"], FirstNight);

        var handedOut = Enumerable.Range(0, 900).AsParallel().Select(_ => stays.Next()!.Value).ToList();

        Assert.Equal(900, handedOut.Distinct().Count());
        Assert.All(handedOut, stay => Assert.InRange(stay.Night, FirstNight, FirstNight.AddDays(Stays.NightsPerRoom - 1)));
    }

    [Fact]
    public void Rooms_are_filled_night_by_night_and_run_out_after_the_last_night()
    {
        var stays = Stays.Of(["A", "B"], FirstNight);

        Assert.Equal(("A", FirstNight), stays.Next());
        Assert.Equal(("B", FirstNight), stays.Next());
        Assert.Equal(("A", FirstNight.AddDays(1)), stays.Next());
        for (var i = 3; i < 2 * Stays.NightsPerRoom; i++)
        {
            Assert.NotNull(stays.Next());
        }

        Assert.Null(stays.Next());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(358, 1)]
    [InlineData(359, 2)]
    [InlineData(7_500, 21)]
    public void Enough_rooms_for_a_number_of_stays(long stays, int rooms)
    {
        Assert.Equal(rooms, Stays.RoomsFor(stays));
    }
}
