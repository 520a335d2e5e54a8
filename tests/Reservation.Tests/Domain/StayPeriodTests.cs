using Accommodation.Reservations.Domain;

namespace Accommodation.Reservations.Tests.Domain;

public sealed class StayPeriodTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(23, 25, 2)]
    [InlineData(10, 40, 30)]
    [InlineData(365, 366, 1)]
    public void A_stay_from_today_on_counts_its_nights(int fromToday, int untilToday, int nights)
    {
        var stay = StayPeriod.Create(Today.AddDays(fromToday), Today.AddDays(untilToday), Today);

        Assert.Equal(nights, stay.Nights);
        Assert.Equal(Today.AddDays(fromToday), stay.CheckIn);
        Assert.Equal(Today.AddDays(untilToday), stay.CheckOut);
    }

    [Theory]
    [InlineData(-1, 1, "checkIn")]      // check-in yesterday
    [InlineData(366, 367, "checkIn")]   // beyond the open calendar
    [InlineData(5, 5, "checkOut")]      // no night at all
    [InlineData(5, 4, "checkOut")]      // reversed
    [InlineData(1, 32, "checkOut")]     // 31 nights
    public void A_stay_that_breaks_a_rule_names_the_field(int fromToday, int untilToday, string field)
    {
        var broken = Assert.Throws<ReservationDomainException>(
            () => StayPeriod.Create(Today.AddDays(fromToday), Today.AddDays(untilToday), Today));

        Assert.Equal(field, broken.Field);
    }

    [Fact]
    public void Absurd_dates_are_refused_without_overflowing()
    {
        Assert.Equal("checkIn", Assert.Throws<ReservationDomainException>(
            () => StayPeriod.Create(DateOnly.MinValue, DateOnly.MaxValue, Today)).Field);
        Assert.Equal("checkIn", Assert.Throws<ReservationDomainException>(
            () => StayPeriod.Create(DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue, Today)).Field);
        Assert.Equal("checkOut", Assert.Throws<ReservationDomainException>(
            () => StayPeriod.Create(Today, DateOnly.MaxValue, Today)).Field);
    }

    [Theory]
    [InlineData(10, 13, 10, 13, true)]   // the same nights
    [InlineData(10, 13, 9, 11, true)]    // overlaps the start
    [InlineData(10, 13, 12, 15, true)]   // overlaps the end
    [InlineData(10, 13, 11, 12, true)]   // inside
    [InlineData(10, 13, 8, 16, true)]    // around
    [InlineData(10, 13, 7, 10, false)]   // leaves the day the other arrives
    [InlineData(10, 13, 13, 15, false)]  // arrives the day the other leaves
    public void Stays_overlap_only_when_they_share_a_night(int in1, int out1, int in2, int out2, bool overlaps)
    {
        var first = StayPeriod.Create(Today.AddDays(in1), Today.AddDays(out1), Today);
        var second = StayPeriod.Create(Today.AddDays(in2), Today.AddDays(out2), Today);

        Assert.Equal(overlaps, first.Overlaps(second));
        Assert.Equal(overlaps, second.Overlaps(first));
    }
}
