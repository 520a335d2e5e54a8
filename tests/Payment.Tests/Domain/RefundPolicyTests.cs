using System.Globalization;
using Accommodation.Payments.Api.Domain;

namespace Accommodation.Payments.Tests.Domain;

public sealed class RefundPolicyTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly DateOnly CheckIn = new(2026, 12, 24);

    [Theory]
    [InlineData(30, 1.0)]
    [InlineData(3, 1.0)]
    [InlineData(2, 0.5)]
    [InlineData(1, 0.5)]
    [InlineData(0, 0.0)]
    [InlineData(-1, 0.0)]
    public void The_rate_depends_on_the_days_before_check_in(int days, decimal rate) =>
        Assert.Equal(rate, RefundPolicy.RateFor(days));

    [Theory]
    // Korean calendar: 2026-12-20 15:00Z is 12-21 00:00 KST, three days before check-in; one second earlier is four.
    [InlineData("2026-12-20T14:59:59+00:00", 1.0)]
    [InlineData("2026-12-20T15:00:00+00:00", 1.0)]
    [InlineData("2026-12-21T23:59:59+09:00", 1.0)]
    [InlineData("2026-12-22T00:00:00+09:00", 0.5)]
    [InlineData("2026-12-23T23:59:59+09:00", 0.5)]
    [InlineData("2026-12-23T15:00:00+00:00", 0.0)]
    [InlineData("2026-12-24T09:00:00+09:00", 0.0)]
    [InlineData("2026-12-25T09:00:00+09:00", 0.0)]
    public void Days_are_counted_on_the_hotel_calendar_whatever_offset_the_instant_carries(string cancelledAt, decimal rate) =>
        Assert.Equal(rate, new RefundPolicy(Seoul).RateFor(CheckIn, At(cancelledAt)));

    [Fact]
    public void The_hotel_time_zone_is_configurable()
    {
        // 15:00 UTC on the 21st is still the 21st in UTC and already the 22nd in Seoul.
        var cancelledAt = new DateTimeOffset(2026, 12, 21, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal(1.0m, new RefundPolicy(TimeZoneInfo.Utc).RateFor(CheckIn, cancelledAt));
        Assert.Equal(0.5m, new RefundPolicy(Seoul).RateFor(CheckIn, cancelledAt));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
}
