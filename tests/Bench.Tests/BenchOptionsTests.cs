using Accommodation.Bench;

namespace Bench.Tests;

public sealed class BenchOptionsTests
{
    [Fact]
    public void The_defaults_are_those_the_issue_measures_at()
    {
        var options = BenchOptions.Parse([], TextWriter.Null)!;

        Assert.Equal((TimeSpan.FromSeconds(10), 64, 500.0, true), (options.Duration, options.Connections, options.EventRate, options.Sweep));
    }

    [Fact]
    public void Each_option_sets_its_value()
    {
        var options = BenchOptions.Parse(["--duration", "3", "--connections", "16", "--event-rate", "250", "--no-sweep", "--out", "/tmp/bench-x"], TextWriter.Null)!;

        Assert.Equal((TimeSpan.FromSeconds(3), 16, 250.0, false, "/tmp/bench-x"), (options.Duration, options.Connections, options.EventRate, options.Sweep, options.Out));
    }

    [Theory]
    [InlineData("--duration")]
    [InlineData("--connections", "many")]
    [InlineData("--speed", "11")]
    public void A_wrong_option_is_refused_with_the_usage(params string[] args)
    {
        var errors = new StringWriter();

        Assert.Null(BenchOptions.Parse(args, errors));
        Assert.Contains("--event-rate", errors.ToString());
    }
}
