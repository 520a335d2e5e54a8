using System.Globalization;
using System.Text;

namespace Accommodation.LoadTests.Reporting;

/// <summary>Writes report.md: findings, a summary table and the status mix per run, a comparison when there are several runs, the charts.</summary>
internal static class MarkdownReport
{
    private const string SummaryHeader =
        "| step | requests | ok | fallback | fail | req/s | p50 ms | p75 ms | p95 ms | p99 ms | max ms |\n" +
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|";

    public static string Render(LoadReport report, IReadOnlyList<Chart> charts)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {report.Title}").AppendLine();
        md.AppendLine(report.Description).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Against `{report.Target}`, started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC. Raw figures: [results.json](results.json).");

        if (report.Findings.Count > 0)
        {
            md.AppendLine().AppendLine("## Findings").AppendLine();
            foreach (var finding in report.Findings)
            {
                var mark = finding.Passed switch { true => "✅ ", false => "❌ ", null => "" };
                md.AppendLine(CultureInfo.InvariantCulture, $"- {mark}**{finding.Title}** — {finding.Detail}");
            }
        }

        foreach (var run in report.Runs)
        {
            AppendRun(md, run);
        }

        if (report.Runs.Count > 1)
        {
            AppendComparison(md, report.Runs);
        }

        if (charts.Count > 0)
        {
            md.AppendLine().AppendLine("## Charts");
            foreach (var chart in charts)
            {
                md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"![{chart.Title}]({chart.File})");
            }
        }

        return md.ToString();
    }

    /// <summary>One row of the summary table, as report.md writes it.</summary>
    public static string SummaryRow(StepSummary step, bool bold = false)
    {
        var name = bold ? $"**{step.Step}**" : step.Step;
        var latency = step.Latency is { } l
            ? string.Join(" | ", Number(l.P50), Number(l.P75), Number(l.P95), Number(l.P99), Number(l.Max))
            : "– | – | – | – | –";
        return $"| {name} | {step.Requests} | {step.Ok} | {step.Fallback} | {step.Fail} | {Number(step.Rps)} | {latency} |";
    }

    private static void AppendRun(StringBuilder md, RunResult run)
    {
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## Run \"{run.Name}\"").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"{run.LoadModel}; load offered for {Number(run.DurationSeconds)} s; at most {run.PeakInFlight} requests were in flight at once.");
        if (run.Figures.Count > 0)
        {
            md.AppendLine();
            foreach (var (name, value) in run.Figures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {name}: **{Figure(value)}**");
            }
        }

        if (run.Marks.Count > 0)
        {
            md.AppendLine().AppendLine("During the run:").AppendLine();
            foreach (var mark in run.Marks)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- at {mark.Second:0.0} s: {mark.Label}");
            }
        }
        md.AppendLine().AppendLine(SummaryHeader);
        foreach (var step in run.Steps)
        {
            md.AppendLine(SummaryRow(step));
        }

        if (run.Steps.Count > 1)
        {
            md.AppendLine(SummaryRow(run.Total, bold: true));
        }

        // The status mix, and each step's share of it when there are several.
        var steps = run.Steps.Count > 1 ? run.Steps : [];
        md.AppendLine().AppendLine("| status | requests | share |" + string.Concat(steps.Select(step => $" {step.Step} |")));
        md.AppendLine("|---|--:|--:|" + string.Concat(steps.Select(_ => "--:|")));
        foreach (var (status, count) in run.Total.Statuses.OrderByDescending(status => status.Value))
        {
            var share = run.Total.Requests == 0 ? 0 : 100.0 * count / run.Total.Requests;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {status} | {count} | {share:0.0} % |{string.Concat(steps.Select(step => $" {step.Statuses.GetValueOrDefault(status)} |"))}");
        }

        if (run.Errors.Count > 0)
        {
            md.AppendLine().AppendLine("First error of each kind:").AppendLine();
            foreach (var (kind, message) in run.Errors)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{kind}`: {message.ReplaceLineEndings(" ")}");
            }
        }
    }

    private static void AppendComparison(StringBuilder md, IReadOnlyList<RunResult> runs)
    {
        md.AppendLine().AppendLine("## Side by side").AppendLine();
        md.AppendLine("| | " + string.Join(" | ", runs.Select(run => run.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(runs.Select(_ => "--:|")));
        (string Name, Func<RunResult, string> Value)[] rows =
        [
            ("load", run => run.LoadModel),
            ("requests", run => run.Total.Requests.ToString(CultureInfo.InvariantCulture)),
            ("ok", run => run.Total.Ok.ToString(CultureInfo.InvariantCulture)),
            ("fallback", run => run.Total.Fallback.ToString(CultureInfo.InvariantCulture)),
            ("fail", run => run.Total.Fail.ToString(CultureInfo.InvariantCulture)),
            ("req/s", run => Number(run.Total.Rps)),
            ("p50 ms", run => Milliseconds(run.Total.Latency?.P50)),
            ("p95 ms", run => Milliseconds(run.Total.Latency?.P95)),
            ("p99 ms", run => Milliseconds(run.Total.Latency?.P99)),
            ("max ms", run => Milliseconds(run.Total.Latency?.Max)),
        ];
        foreach (var (name, value) in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", runs.Select(value))} |");
        }

        foreach (var figure in runs.SelectMany(run => run.Figures.Keys).Distinct())
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {figure} | {string.Join(" | ", runs.Select(run => run.Figures.TryGetValue(figure, out var value) ? Figure(value) : "–"))} |");
        }
    }

    /// <summary>A figure as measured: whole numbers as they are, others to two decimals (an availability of 99.95 %).</summary>
    private static string Figure(double value) => value.ToString(value % 1 == 0 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Milliseconds(double? value) => value is { } ms ? Number(ms) : "–";

    private static string Number(double value) => value.ToString(value >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
