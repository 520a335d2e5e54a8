using Accommodation.LoadTests.Engine;

namespace LoadTests.Tests;

public sealed class LoadModelTests
{
    [Fact]
    public void A_fixed_rate_spaces_requests_evenly_and_stops_at_the_duration()
    {
        var model = LoadModel.Open(10, TimeSpan.FromSeconds(1));

        var due = Enumerable.Range(0, 20).Select(n => model.DueTime(n)).TakeWhile(time => time is not null).ToList();

        Assert.Equal(10, due.Count);
        Assert.Equal(TimeSpan.Zero, due[0]);
        Assert.Equal(0.5, due[5]!.Value.TotalSeconds, precision: 9);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(5, 15)]
    public void A_ramp_sends_the_area_under_its_rate_line(double from, double to)
    {
        var model = LoadModel.Ramp(from, to, TimeSpan.FromSeconds(4));

        var due = Enumerable.Range(0, 1000).Select(n => model.DueTime(n)).TakeWhile(time => time is not null).Select(time => time!.Value).ToList();

        Assert.InRange(due.Count, ((from + to) / 2 * 4) - 1, (from + to) / 2 * 4);
        Assert.Equal(due.Order(), due);
        Assert.All(due, time => Assert.InRange(time.TotalSeconds, 0, 4));
    }

    [Fact]
    public void A_ramp_is_faster_at_its_end_than_at_its_start()
    {
        var model = LoadModel.Ramp(1, 100, TimeSpan.FromSeconds(10));

        var due = Enumerable.Range(0, 100_000).Select(n => model.DueTime(n)).TakeWhile(time => time is not null).Select(time => time!.Value.TotalSeconds).ToList();

        Assert.Equal(1, due.Count(time => time < 1), tolerance: 5);
        Assert.InRange(due.Count(time => time >= 9), 90, 100);
        Assert.Equal(50.5, model.RateAt(TimeSpan.FromSeconds(5)), precision: 9);
    }

    [Fact]
    public void Models_describe_themselves_for_the_report()
    {
        Assert.Equal("closed: 100 users for 60 s", LoadModel.Closed(100, TimeSpan.FromSeconds(60)).Describe());
        Assert.Equal("open: 50 req/s for 2 s (at most 1000 in flight)", LoadModel.Open(50, TimeSpan.FromSeconds(2)).Describe());
        Assert.Equal("open ramp: 5 → 50 req/s over 30 s (at most 200 in flight)", LoadModel.Ramp(5, 50, TimeSpan.FromSeconds(30), 200).Describe());
    }
}
