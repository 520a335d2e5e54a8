using Accommodation.LoadTests.Reporting;
using SkiaSharp;

namespace LoadTests.Tests;

public sealed class ReportWriterTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _results = Path.Combine(Path.GetTempPath(), $"loadtests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_results))
        {
            Directory.Delete(_results, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_the_markdown_report_results_json_and_real_png_charts_into_a_folder_named_after_the_scenario()
    {
        var report = SampleReport();

        var directory = await ReportWriter.WriteAsync(report, _results);

        Assert.Equal(Path.Combine(_results, "circuit-breaker-20261224-093000"), directory);
        string[] charts =
        [
            "requests-per-second.png", "latency.png", "latency-by-step-breaker-on.png", "latency-by-step-breaker-off.png",
            "status-mix-breaker-on.png", "status-mix-breaker-off.png", "gauge-payment-replicas.png",
        ];
        Assert.Equal(
            [
                "gauge-payment-replicas.png", "latency-by-step-breaker-off.png", "latency-by-step-breaker-on.png", "latency.png", "report.md",
                "requests-per-second.png", "results.json", "status-mix-breaker-off.png", "status-mix-breaker-on.png",
            ],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var chart in charts)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(directory, chart));
            Assert.Equal(PngSignature, bytes[..8]);
            using var image = SKBitmap.Decode(bytes);
            Assert.Equal((1000, 450), (image.Width, image.Height));
            Assert.True(DistinctColours(image) > 20, $"{chart} draws something");
        }
    }

    [Fact]
    public async Task The_markdown_report_has_a_summary_row_per_step_the_status_mix_the_findings_and_a_side_by_side_comparison()
    {
        var directory = await ReportWriter.WriteAsync(SampleReport(), _results);

        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, "report.md"));

        Assert.Contains("# Circuit breaker", markdown, StringComparison.Ordinal);
        Assert.Contains("- ✅ **Fallback answers fast: yes** — p99 of fallbacks 12 ms.", markdown, StringComparison.Ordinal);
        Assert.Contains("| step | requests | ok | fallback | fail | req/s | p50 ms | p75 ms | p95 ms | p99 ms | max ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("| pay | 120 | 100 | 15 | 5 | 4 | 12.5 | 20 | 80 | 150 | 300 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **all** | 150 | 130 | 15 | 5 | 5 | 10 | 18 | 70 | 140 | 300 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| status | requests | share | pay | browse |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 503 | 15 | 10.0 % | 15 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Side by side", markdown, StringComparison.Ordinal);
        Assert.Contains("| requests | 150 | 150 |", markdown, StringComparison.Ordinal);
        Assert.Contains("![Requests per second, by outcome](requests-per-second.png)", markdown, StringComparison.Ordinal);
        Assert.Contains("![payment replicas](gauge-payment-replicas.png)", markdown, StringComparison.Ordinal);
        Assert.Contains("- `timeout`: TaskCanceledException: The request was canceled.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_markdown_report_shows_each_runs_figures_side_by_side_and_what_happened_during_a_run()
    {
        var directory = await ReportWriter.WriteAsync(SampleReport(), _results);

        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, "report.md"));

        Assert.Contains("- calls that reached payment: **420**", markdown, StringComparison.Ordinal);
        Assert.Contains("- calls that reached payment: **1200**", markdown, StringComparison.Ordinal);
        Assert.Contains("- availability %: **99.95**", markdown, StringComparison.Ordinal);
        Assert.Contains("| calls that reached payment | 420 | 1200 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| availability % | 99.95 | 99.95 |", markdown, StringComparison.Ordinal);
        Assert.Contains("During the run:\n\n- at 12.5 s: redeploy reservation\n- at 20.0 s: redeploys done", markdown.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_json_round_trips()
    {
        var directory = await ReportWriter.WriteAsync(SampleReport(), _results);
        var json = await File.ReadAllTextAsync(Path.Combine(directory, "results.json"));

        var read = ReportWriter.Read(json);

        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(read, ReportWriter.Json));
        Assert.Equal(["breaker on", "breaker off"], read.Runs.Select(run => run.Name));
        Assert.Equal(15, read.Runs[0].Total.Statuses["503"]);
        Assert.Equal(140, read.Runs[0].Total.Latency!.P99);
        Assert.Equal(2, read.Runs[1].Gauges[0].Samples[^1].Value);
        Assert.True(read.Findings[0].Passed);
    }

    [Fact]
    public async Task A_second_report_in_the_same_second_gets_a_folder_of_its_own()
    {
        var first = await ReportWriter.WriteAsync(SampleReport(), _results);
        var second = await ReportWriter.WriteAsync(SampleReport(), _results);

        Assert.NotEqual(first, second);
        Assert.True(File.Exists(Path.Combine(second, "report.md")));
    }

    private static int DistinctColours(SKBitmap image) => image.Pixels.Distinct().Count();

    private static LoadReport SampleReport()
    {
        RunResult Run(string name, double gaugeEnd) => new(
            name,
            "open: 5 req/s for 30 s (at most 1000 in flight)",
            new DateTimeOffset(2026, 12, 24, 9, 30, 0, TimeSpan.Zero),
            30,
            12,
            new StepSummary("all", 150, 130, 15, 5, 5, new LatencySummary(10, 18, 70, 140, 300, 25), Statuses(("200", 130), ("503", 15), ("timeout", 5))),
            [
                new StepSummary("pay", 120, 100, 15, 5, 4, new LatencySummary(12.5, 20, 80, 150, 300, 30), Statuses(("200", 100), ("503", 15), ("timeout", 5))),
                new StepSummary("browse", 30, 30, 0, 0, 1, new LatencySummary(5, 6, 8, 9, 10, 5.5), Statuses(("200", 30))),
            ],
            [.. Enumerable.Range(0, 30).Select(second => new IntervalStats(
                second, 5, 4 + (second % 2), second is > 10 and < 20 ? 1 : 0, second % 6 == 0 ? 1 : 0,
                Statuses(("200", 4 + (second % 2)), ("503", second is > 10 and < 20 ? 1 : 0), ("timeout", second % 6 == 0 ? 1 : 0)),
                new LatencySummary(10 + second, 15 + second, 60 + (2 * second), 100 + (3 * second), 200 + (3 * second), 20)))],
            new Dictionary<string, IReadOnlyList<IntervalStats>>
            {
                ["pay"] = [.. Enumerable.Range(0, 30).Select(second => Interval(second, 100 + (3 * second)))],
                ["browse"] = [.. Enumerable.Range(0, 30).Select(second => Interval(second, 9))],
            },
            [new GaugeSeries("payment replicas", [.. Enumerable.Range(0, 31).Select(second => new GaugeSample(second, second < 15 ? 1 : gaugeEnd))])],
            new Dictionary<string, string> { ["timeout"] = "TaskCanceledException: The request was canceled." })
        {
            Figures = new Dictionary<string, double> { ["calls that reached payment"] = name == "breaker on" ? 420 : 1200, ["availability %"] = 99.95 },
            Marks = [new RunMark(12.5, "redeploy reservation"), new RunMark(20, "redeploys done")],
        };

        return new LoadReport(
            "circuit-breaker",
            "Circuit breaker",
            "Payment slows down; with the breaker on, pay answers 503 with Retry-After at once.",
            "http://127.0.0.1:5099/",
            new DateTimeOffset(2026, 12, 24, 9, 30, 0, TimeSpan.Zero),
            [Run("breaker on", 2), Run("breaker off", 2)],
            [new Finding("Fallback answers fast: yes", "p99 of fallbacks 12 ms.", Passed: true), new Finding("Measured", "a measurement")]);
    }

    private static IntervalStats Interval(int second, double p99) =>
        new(second, 4, 4, 0, 0, Statuses(("200", 4)), new LatencySummary(p99 / 2, p99 / 2, p99, p99, p99, p99 / 2));

    private static Dictionary<string, long> Statuses(params (string Status, long Count)[] statuses) =>
        statuses.Where(status => status.Count > 0).ToDictionary(status => status.Status, status => status.Count);
}
