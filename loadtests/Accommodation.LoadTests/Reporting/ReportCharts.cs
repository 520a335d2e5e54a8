using ScottPlot;

namespace Accommodation.LoadTests.Reporting;

/// <summary>A chart written next to the report.</summary>
public sealed record Chart(string Title, string File);

/// <summary>
/// Draws the report's PNG charts with ScottPlot. When a report compares runs, each run is drawn in its own line pattern
/// (solid, dashed, dotted) and the colour keeps its meaning (ok green, fallback orange, fail red).
/// </summary>
internal static class ReportCharts
{
    private const int Width = 1000;
    private const int Height = 450;

    private static readonly LinePattern[] RunPatterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private static readonly Color OkColor = Color.FromHex("#2CA02C");
    private static readonly Color FallbackColor = Color.FromHex("#FF7F0E");
    private static readonly Color FailColor = Color.FromHex("#D62728");
    // Blue, brown, black, cyan: apart from the outcome colours and from the 503 purple of the status mix.
    private static readonly Color[] MarkColors = [Color.FromHex("#1F77B4"), Color.FromHex("#8C564B"), Color.FromHex("#222222"), Color.FromHex("#17BECF")];

    public static IReadOnlyList<Chart> Draw(LoadReport report, string directory)
    {
        var charts = new List<Chart>
        {
            Save(RequestsPerSecond(report), directory, "requests-per-second.png", "Requests per second, by outcome"),
            Save(Latency(report), directory, "latency.png", "Latency p50 / p95 / p99"),
        };
        charts.AddRange(report.Runs.Where(run => run.Steps.Count > 1).Select(run =>
            Save(LatencyByStep(run), directory, $"latency-by-step-{Slug(run.Name)}.png", $"p99 per step: {run.Name}")));
        charts.AddRange(report.Runs.Select(run =>
            Save(StatusMix(run), directory, $"status-mix-{Slug(run.Name)}.png", $"Status mix: {run.Name}")));
        var gauges = report.Runs.SelectMany(run => run.Gauges).Select(gauge => gauge.Name).Distinct();
        charts.AddRange(gauges.Select(gauge =>
            Save(Gauge(report, gauge), directory, $"gauge-{Slug(gauge)}.png", gauge)));
        return charts;
    }

    /// <summary>A file-name-safe form of a name: "breaker off" → "breaker-off".</summary>
    public static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "run" : slug;
    }

    private static Plot RequestsPerSecond(LoadReport report)
    {
        var plot = NewPlot("Requests per second", "requests due in that second");
        foreach (var (run, pattern) in RunsWithPatterns(report))
        {
            var prefix = report.Runs.Count > 1 ? $"{run.Name}: " : "";
            AddLine(plot, run, pattern, prefix + "ok", OkColor, interval => interval.Ok);
            AddLine(plot, run, pattern, prefix + "fallback", FallbackColor, interval => interval.Fallback);
            AddLine(plot, run, pattern, prefix + "fail", FailColor, interval => interval.Fail);
            AddMarks(plot, run, pattern, prefix);
        }

        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static Plot Latency(LoadReport report)
    {
        var plot = NewPlot("Latency per second", "milliseconds");
        foreach (var (run, pattern) in RunsWithPatterns(report))
        {
            var timed = run.Intervals.Where(interval => interval.Latency is not null).ToList();
            var seconds = timed.Select(interval => (double)interval.Second).ToArray();
            (string Name, Color Color, Func<LatencySummary, double> Value)[] percentiles =
            [
                ("p50", Color.FromHex("#1F77B4"), latency => latency.P50),
                ("p95", Color.FromHex("#FF7F0E"), latency => latency.P95),
                ("p99", Color.FromHex("#D62728"), latency => latency.P99),
            ];
            foreach (var (name, color, value) in percentiles)
            {
                var line = plot.Add.ScatterLine(seconds, timed.Select(interval => value(interval.Latency!)).ToArray(), color);
                Style(line, report.Runs.Count > 1 ? $"{run.Name}: {name}" : name, pattern);
            }

            AddMarks(plot, run, pattern, report.Runs.Count > 1 ? $"{run.Name}: " : "");
        }

        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>Each step's p99 per second, to tell which step a slow second comes from.</summary>
    private static Plot LatencyByStep(RunResult run)
    {
        var plot = NewPlot($"p99 per step: {run.Name}", "milliseconds");
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (step, index) in run.Steps.Select((step, index) => (step.Step, index)))
        {
            var timed = run.StepIntervals.GetValueOrDefault(step, []).Where(interval => interval.Latency is not null).ToList();
            var line = plot.Add.ScatterLine(
                timed.Select(interval => (double)interval.Second).ToArray(), timed.Select(interval => interval.Latency!.P99).ToArray(), palette.GetColor(index));
            Style(line, step, LinePattern.Solid);
        }

        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>Stacked bars: how many requests due in each second ended with each status code or error.</summary>
    private static Plot StatusMix(RunResult run)
    {
        var plot = NewPlot($"Status mix: {run.Name}", "requests due in that second");
        var statuses = run.Total.Statuses.Keys.Order(StringComparer.Ordinal).ToList();
        var colors = statuses.ToDictionary(status => status, status => StatusColor(status, statuses));
        var bars = new List<Bar>();
        foreach (var interval in run.Intervals)
        {
            double stacked = 0;
            foreach (var status in statuses)
            {
                var count = interval.Statuses.GetValueOrDefault(status);
                if (count == 0)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = interval.Second,
                    ValueBase = stacked,
                    Value = stacked + count,
                    FillColor = colors[status],
                    LineWidth = 0,
                    Size = 0.9,
                });
                stacked += count;
            }
        }

        plot.Add.Bars(bars);
        plot.Legend.ManualItems.AddRange(statuses.Select(status => new LegendItem { LabelText = status, FillColor = colors[status] }));
        AddMarks(plot, run, LinePattern.Dashed, "");
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static Plot Gauge(LoadReport report, string gauge)
    {
        var plot = NewPlot(gauge, "value");
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (run, index) in report.Runs.Select((run, index) => (run, index)))
        {
            if (run.Gauges.FirstOrDefault(series => series.Name == gauge) is not { } series)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(
                series.Samples.Select(sample => sample.Second).ToArray(), series.Samples.Select(sample => sample.Value).ToArray(), palette.GetColor(index));
            Style(line, run.Name, LinePattern.Solid);
        }

        // From zero, so a run that stayed at one replica is a line above the axis, not hidden in it.
        var values = report.Runs.SelectMany(run => run.Gauges).Where(series => series.Name == gauge).SelectMany(series => series.Samples).Select(sample => sample.Value).ToList();
        if (values.Count > 0)
        {
            var (low, high) = (Math.Min(0, values.Min()), values.Max());
            plot.Axes.SetLimitsY(low, high + (Math.Max(1, high - low) * 0.1));
        }

        return plot;
    }

    private static void AddLine(Plot plot, RunResult run, LinePattern pattern, string legend, Color color, Func<IntervalStats, long> count)
    {
        if (run.Intervals.All(interval => count(interval) == 0))
        {
            return;
        }

        var line = plot.Add.ScatterLine(
            run.Intervals.Select(interval => (double)interval.Second).ToArray(), run.Intervals.Select(interval => (double)count(interval)).ToArray(), color);
        Style(line, legend, pattern);
    }

    /// <summary>A vertical line at each of the run's marks (e.g. when a redeploy began), named in the legend, so a dip lines up with its cause.</summary>
    private static void AddMarks(Plot plot, RunResult run, LinePattern pattern, string prefix)
    {
        foreach (var (mark, index) in run.Marks.Select((mark, index) => (mark, index)))
        {
            var line = plot.Add.VerticalLine(mark.Second, 2, MarkColors[index % MarkColors.Length], pattern);
            line.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{mark.Label} ({mark.Second:0.0} s)");
        }
    }

    private static void Style(ScottPlot.Plottables.Scatter line, string legend, LinePattern pattern)
    {
        line.LegendText = legend;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerSize = 0;
    }

    private static IEnumerable<(RunResult Run, LinePattern Pattern)> RunsWithPatterns(LoadReport report) =>
        report.Runs.Select((run, index) => (run, RunPatterns[index % RunPatterns.Length]));

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("seconds since the run started");
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>2xx in greens, other 4xx in yellows and oranges, 5xx in reds, errors without a status in greys.</summary>
    private static Color StatusColor(string status, IReadOnlyList<string> all)
    {
        string[] shades = status switch
        {
            ['2', ..] => ["#2CA02C", "#98DF8A", "#1B5E20"],
            ['4', ..] => ["#FFBB33", "#FF7F0E", "#BCBD22", "#8C564B"],
            "503" => ["#9467BD"],
            ['5', ..] => ["#D62728", "#FF9896", "#7F0000"],
            ['3', ..] or ['1', ..] => ["#1F77B4"],
            _ => ["#7F7F7F", "#333333", "#C7C7C7"],
        };
        var sameClass = all.Where(other => other.Length > 0 && status.Length > 0 && ClassOf(other) == ClassOf(status)).ToList();
        return Color.FromHex(shades[sameClass.IndexOf(status) % shades.Length]);
    }

    private static char ClassOf(string status) => status == "503" ? 'f' : char.IsAsciiDigit(status[0]) ? status[0] : 'e';

    private static Chart Save(Plot plot, string directory, string file, string title)
    {
        plot.SavePng(Path.Combine(directory, file), Width, Height);
        return new Chart(title, file);
    }
}
