using Accommodation.LoadTests.Reporting;
using Accommodation.LoadTests.Scenarios;

namespace LoadTests.Tests;

/// <summary>The scenarios end to end through the command line, against <see cref="FakeGateway"/>.</summary>
public sealed class ScenarioTests : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), $"loadtests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_results))
        {
            Directory.Delete(_results, recursive: true);
        }
    }

    [Fact]
    public async Task Booking_storm_finds_exactly_one_winner_per_night_and_writes_its_report()
    {
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway().Map);

        var (exitCode, output, error) = await LoadTestCliTests.RunAsync(
            "booking-storm", "--base-url", gateway.BaseAddress.ToString(), "--users", "4", "--rooms", "2", "--nights", "3", "--duration", "1s",
            "--out", _results);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        Assert.Contains("Exactly one winner per night: yes", output, StringComparison.Ordinal);
        var report = ReadReport("booking-storm");
        Assert.True(report.Passed);
        var run = Assert.Single(report.Runs);
        Assert.Equal("closed: 4 users for 1 s", run.LoadModel);
        Assert.InRange(run.Total.Statuses["201"], 2, 6);
        Assert.True(run.Total.Statuses["409"] > 0);
        Assert.Equal(run.Total.Requests, run.Total.Ok);
        Assert.Contains(report.Findings, finding => finding.Title == "Every 201 is a live reservation: yes");
        Assert.Contains(report.Findings, finding => finding.Title == "Room agrees: yes");
        Assert.Equal("nights won", Assert.Single(run.Gauges).Name);
    }

    [Fact]
    public async Task Booking_storm_fails_when_the_system_double_books()
    {
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway { DoubleBooks = true }.Map);

        var (exitCode, output, _) = await LoadTestCliTests.RunAsync(
            "booking-storm", "--base-url", gateway.BaseAddress.ToString(), "--users", "4", "--rooms", "1", "--nights", "3", "--duration", "500ms",
            "--out", _results);

        Assert.Equal(1, exitCode);
        Assert.Contains("Exactly one winner per night: no", output, StringComparison.Ordinal);
        var finding = ReadReport("booking-storm").Findings[0];
        Assert.False(finding.Passed);
        Assert.Contains("0 by none", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mixed_runs_every_step_on_a_rising_rate_and_reports_the_highest_rate_under_the_bound()
    {
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway().Map);

        var (exitCode, output, error) = await LoadTestCliTests.RunAsync(
            "mixed", "--base-url", gateway.BaseAddress.ToString(), "--rate", "100", "--duration", "2s", "--rooms", "3", "--p99-bound", "2s",
            "--out", _results);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        var run = Assert.Single(ReadReport("mixed").Runs);
        Assert.Equal("open ramp: 10 → 100 req/s over 2 s (at most 1000 in flight)", run.LoadModel);
        Assert.Equal(["browse rooms", "availability", "reserve", "pay", "cancel"], run.Steps.Select(step => step.Step));
        Assert.All(run.Steps.Take(3), step => Assert.True(step.Requests > 0, $"{step.Step} ran"));
        Assert.InRange(run.Total.Requests, 82, 138);
        Assert.Equal(run.Total.Requests, run.Total.Ok);
        Assert.StartsWith("Highest rate with p99 under 2000 ms", ReadReport("mixed").Findings[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void The_highest_rate_under_the_bound_is_the_last_before_the_slowest_step_stays_over_it_for_two_seconds()
    {
        static IntervalStats Second(int second, double p99) =>
            new(second, 10 * (second + 1), 10, 0, 0, new Dictionary<string, long> { ["200"] = 10 }, new LatencySummary(1, 1, 1, p99, p99, 1));

        static RunResult Run(double[] browse, double[] pay)
        {
            var browsing = browse.Select((p99, second) => Second(second, p99)).ToList();
            return new RunResult(
                "mixed", "open ramp", DateTimeOffset.UnixEpoch, browse.Length, 1, new StepSummary("all", 0, 0, 0, 0, 0, null, new Dictionary<string, long>()), [],
                browsing,
                new Dictionary<string, IReadOnlyList<IntervalStats>>
                {
                    ["browse"] = browsing,
                    ["reserve"] = [.. browse.Select((_, second) => Second(second, 50))],
                    ["pay"] = [.. pay.Select((p99, second) => Second(second, p99))],
                },
                [],
                new Dictionary<string, string>());
        }

        var bound = TimeSpan.FromMilliseconds(500);
        var slowPay = Enumerable.Repeat(2000.0, 7).ToArray();
        string[] steps = ["browse", "reserve"];

        Assert.Equal("Highest rate with p99 under 500 ms: 40 req/s", MixedScenario.HighestRateUnder(bound, Run([100, 900, 100, 200, 600, 700, 100], slowPay), steps).Title);
        Assert.Equal("Highest rate with p99 under 500 ms: at least 50 req/s", MixedScenario.HighestRateUnder(bound, Run([100, 100, 100, 100, 100], slowPay), steps).Title);
        Assert.Equal("Highest rate with p99 under 500 ms: none", MixedScenario.HighestRateUnder(bound, Run([600, 600, 100], slowPay), steps).Title);
        Assert.Equal("Highest rate with p99 under 500 ms: none", MixedScenario.HighestRateUnder(bound, Run([100, 100, 100], slowPay), ["browse", "pay"]).Title);
    }

    private LoadReport ReadReport(string scenario)
    {
        var directory = Directory.GetDirectories(_results, $"{scenario}-*").OrderDescending(StringComparer.Ordinal).First();
        Assert.True(File.Exists(Path.Combine(directory, "report.md")));
        return ReportWriter.Read(File.ReadAllText(Path.Combine(directory, "results.json")));
    }
}
