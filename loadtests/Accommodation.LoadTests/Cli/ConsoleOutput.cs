using System.Globalization;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;
using Accommodation.LoadTests.Scenarios;
using Spectre.Console;

namespace Accommodation.LoadTests.Cli;

/// <summary>
/// The console: log lines, a live progress line redrawn in place on a terminal (a plain line every five seconds when
/// the output is redirected, so logs stay readable), and the summary at the end.
/// </summary>
internal sealed class ConsoleOutput : IRunConsole
{
    private static readonly TimeSpan PlainLineEvery = TimeSpan.FromSeconds(5);

    private readonly IAnsiConsole _console;
    private readonly bool _live;
    private readonly Lock _lock = new();

    public ConsoleOutput(TextWriter writer, bool live)
    {
        _live = live;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!live)
        {
            _console.Profile.Width = 160;
        }
    }

    public void Log(string message) => _console.MarkupLineInterpolated($"[grey]{message}[/]");

    public async Task<RunResult> ShowProgressAsync(RunDefinition definition, Func<Action<RunProgress>, Task<RunResult>> run)
    {
        _console.MarkupLineInterpolated($"Run [bold]{definition.Name}[/]: {definition.Load.Describe()}");
        if (!_live)
        {
            var printed = -1;
            RunProgress? last = null;
            var result = await run(progress =>
            {
                lock (_lock)
                {
                    last = progress;
                    var slot = (int)(progress.Elapsed / PlainLineEvery);
                    if (slot != printed)
                    {
                        printed = slot;
                        _console.WriteLine(Line(progress));
                        last = null;
                    }
                }
            });
            lock (_lock)
            {
                if (last is not null)
                {
                    _console.WriteLine(Line(last));
                }
            }

            return result;
        }

        RunResult? finished = null;
        await _console.Live(new Markup("[grey]starting…[/]")).AutoClear(false).StartAsync(async live =>
        {
            finished = await run(progress =>
            {
                lock (_lock)
                {
                    live.UpdateTarget(new Markup(Markup.Escape(Line(progress))));
                    live.Refresh();
                }
            });
        });
        return finished!;
    }

    /// <summary>Each run's table, the findings and where the report is.</summary>
    public void Summary(LoadReport report, string directory)
    {
        foreach (var run in report.Runs)
        {
            var table = new Table().Title($"{run.Name}: {run.LoadModel}");
            foreach (var column in new[] { "step", "requests", "ok", "fallback", "fail", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms" })
            {
                table.AddColumn(new TableColumn(column) { Alignment = column == "step" ? Justify.Left : Justify.Right });
            }

            foreach (var step in run.Steps.Count > 1 ? [.. run.Steps, run.Total] : run.Steps)
            {
                table.AddRow(
                    step.Step, Count(step.Requests), Count(step.Ok), Count(step.Fallback), Count(step.Fail), Number(step.Rps),
                    Number(step.Latency?.P50), Number(step.Latency?.P95), Number(step.Latency?.P99), Number(step.Latency?.Max));
            }

            _console.Write(table);
            foreach (var (name, value) in run.Figures)
            {
                _console.MarkupLineInterpolated($"{name}: [bold]{value.ToString("0.##", CultureInfo.InvariantCulture)}[/]");
            }
        }

        foreach (var finding in report.Findings)
        {
            var mark = finding.Passed switch { true => "[green]✓[/] ", false => "[red]✗[/] ", null => "" };
            _console.MarkupLine($"{mark}[bold]{Markup.Escape(finding.Title)}[/] — {Markup.Escape(finding.Detail)}");
        }

        _console.MarkupLineInterpolated($"Report: [link]{Path.Combine(directory, "report.md")}[/]");
    }

    private static string Line(RunProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Run}  {p.Elapsed.TotalSeconds,5:0.0}/{p.Duration.TotalSeconds:0} s  {p.Rps,5:0} req/s  ok {p.Ok}  fallback {p.Fallback}  " +
        $"fail {p.Fail}  p99 {(p.P99 is { } p99 ? p99.ToString("0", CultureInfo.InvariantCulture) : "–")} ms  in flight {p.InFlight}");

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString(value >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture) ?? "–";
}
