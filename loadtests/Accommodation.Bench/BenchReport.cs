using System.Globalization;
using System.Text;
using System.Text.Json;
using Accommodation.Bench.Baselines;
using ScottPlot;
using Spectre.Console;

namespace Accommodation.Bench;

/// <summary>The bench's table on the console, and report.md, figures.json and sweep.png in the report folder.</summary>
internal sealed class BenchReport(BenchOptions options, BaselineFigures baselines, IReadOnlyList<Figure> figures, IReadOnlyList<SweepPoint> sweep, DateTimeOffset at)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public IReadOnlyList<(string Name, WrkResult Result)> BaselineRows =>
    [
        ("minimal Kestrel endpoint", baselines.Minimal),
        ("YARP → minimal endpoint", baselines.MinimalViaYarp),
        ("one-INSERT endpoint", baselines.Insert),
        ("YARP → one-INSERT endpoint", baselines.InsertViaYarp),
    ];

    public void PrintTable()
    {
        var baselineTable = new Table().Title("Baselines (this machine, this run)").AddColumns("baseline", "req/s", "p99 ms", "× minimal");
        foreach (var (name, result) in BaselineRows)
        {
            baselineTable.AddRow(name, $"{result.RequestsPerSecond:0}", $"{result.P99.TotalMilliseconds:0.0}", $"{result.RequestsPerSecond / baselines.Minimal.RequestsPerSecond:0.00}");
        }

        baselineTable.AddRow("PostgreSQL alone (pgbench, single-row INSERT)", $"{baselines.PostgresInsertsPerSecond:0}", "", "");
        AnsiConsole.Write(baselineTable);

        var table = new Table().Title("The system").AddColumns("figure", "value", "baseline", "ratio", "target", "met");
        foreach (var figure in figures)
        {
            table.AddRow(
                Markup.Escape(figure.Name),
                $"{Format(figure.Value)} {figure.Unit}",
                figure.BaselineValue is { } baseline ? Markup.Escape($"{figure.Baseline}: {Format(baseline)}") : "",
                figure.Ratio is { } ratio ? $"{ratio:0.00}" : "",
                Markup.Escape(figure.Target ?? ""),
                figure.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => "" });
        }

        AnsiConsole.Write(table);
    }

    public async Task<string> WriteAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Out);
        await File.WriteAllTextAsync(Path.Combine(options.Out, "report.md"), Markdown(), cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(options.Out, "figures.json"),
            JsonSerializer.Serialize(new { at, options, baselines, figures, sweep }, new JsonSerializerOptions { WriteIndented = true }),
            cancellationToken);
        if (sweep.Count > 0)
        {
            SweepChart().SavePng(Path.Combine(options.Out, "sweep.png"), 900, 420);
        }

        return options.Out;
    }

    private string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"# Bench, {at:yyyy-MM-dd HH:mm}");
        text.AppendLine();
        text.AppendLine(Invariant, $"{Environment.ProcessorCount} cores; {options.Duration.TotalSeconds:0} s per measurement, {options.Connections} connections (wrk, 2 threads).");
        text.AppendLine();
        text.AppendLine("| baseline | req/s | p99 ms | × minimal |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, result) in BaselineRows)
        {
            text.AppendLine(Invariant, $"| {name} | {result.RequestsPerSecond:0} | {result.P99.TotalMilliseconds:0.0} | {result.RequestsPerSecond / baselines.Minimal.RequestsPerSecond:0.00} |");
        }

        text.AppendLine(Invariant, $"| PostgreSQL alone (pgbench, single-row INSERT) | {baselines.PostgresInsertsPerSecond:0} | | |");
        text.AppendLine();
        text.AppendLine("| figure | value | baseline | ratio | target | met |");
        text.AppendLine("|---|---:|---|---:|---|---|");
        foreach (var figure in figures)
        {
            text.AppendLine(Invariant,
                $"| {figure.Name} | {Format(figure.Value)} {figure.Unit} | {(figure.BaselineValue is { } b ? $"{figure.Baseline}: {Format(b)}" : "")} | {(figure.Ratio is { } r ? r.ToString("0.00", Invariant) : "")} | {figure.Target} | {figure.Met switch { true => "yes", false => "**no**", null => "" }} |");
        }

        if (sweep.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("| connections | read req/s | read p99 ms | write req/s | write p99 ms |");
            text.AppendLine("|---:|---:|---:|---:|---:|");
            foreach (var point in sweep)
            {
                text.AppendLine(Invariant,
                    $"| {point.Connections} | {point.Read.RequestsPerSecond:0} | {point.Read.P99.TotalMilliseconds:0.0} | {point.Write.RequestsPerSecond:0} | {point.Write.P99.TotalMilliseconds:0.0} |");
            }

            text.AppendLine();
            text.AppendLine("![read and write as load grows](sweep.png)");
        }

        return text.ToString();
    }

    /// <summary>Throughput and p99 of read and write against connections.</summary>
    private Plot SweepChart()
    {
        var plot = new Plot();
        double[] connections = [.. sweep.Select(point => (double)point.Connections)];
        var read = plot.Add.Scatter(connections, [.. sweep.Select(point => point.Read.RequestsPerSecond)]);
        read.LegendText = "read req/s";
        var write = plot.Add.Scatter(connections, [.. sweep.Select(point => point.Write.RequestsPerSecond)]);
        write.LegendText = "write req/s";
        var readP99 = plot.Add.Scatter(connections, [.. sweep.Select(point => point.Read.P99.TotalMilliseconds)]);
        readP99.LegendText = "read p99 ms";
        readP99.Axes.YAxis = plot.Axes.Right;
        readP99.LinePattern = LinePattern.Dashed;
        var writeP99 = plot.Add.Scatter(connections, [.. sweep.Select(point => point.Write.P99.TotalMilliseconds)]);
        writeP99.LegendText = "write p99 ms";
        writeP99.Axes.YAxis = plot.Axes.Right;
        writeP99.LinePattern = LinePattern.Dashed;
        plot.XLabel("connections (wrk)");
        plot.Axes.Left.Label.Text = "requests/s";
        plot.Axes.Right.Label.Text = "p99 (ms)";
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static string Format(double value) => value >= 100 ? value.ToString("0", Invariant) : value.ToString("0.0", Invariant);
}
