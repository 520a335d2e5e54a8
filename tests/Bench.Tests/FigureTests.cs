using Accommodation.Bench;

namespace Bench.Tests;

public sealed class FigureTests
{
    [Fact]
    public void A_ratio_target_holds_at_the_ratio_and_not_below_it()
    {
        var met = Figure.AtLeast("read", 7_500, "req/s", "YARP → minimal endpoint", 10_000, 0.75);
        var missed = Figure.AtLeast("read", 7_499, "req/s", "YARP → minimal endpoint", 10_000, 0.75);

        Assert.Equal((true, 0.75), (met.Met!.Value, Math.Round(met.Ratio!.Value, 2)));
        Assert.False(missed.Met);
        Assert.Equal("≥ 0.75 ×", met.Target);
    }

    [Fact]
    public void A_bound_holds_at_the_bound_and_not_above_it()
    {
        Assert.True(Figure.AtMost("event lag p99", 50, "ms", 50).Met);
        Assert.False(Figure.AtMost("event lag p99", 50.1, "ms", 50).Met);
        Assert.Equal("≤ 50 ms", Figure.AtMost("event lag p99", 1, "ms", 50).Target);
    }

    [Fact]
    public void A_figure_without_a_target_is_neither_met_nor_missed()
    {
        var figure = new Figure("booking: p99", 812, "ms");

        Assert.Null(figure.Met);
        Assert.Null(figure.Ratio);
    }
}
