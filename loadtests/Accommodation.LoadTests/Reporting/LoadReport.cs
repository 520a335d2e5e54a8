using System.Text.Json.Serialization;

namespace Accommodation.LoadTests.Reporting;

/// <summary>What a scenario hands back: one or more runs (e.g. "breaker on" and "breaker off") and what they showed.</summary>
/// <param name="Scenario">The scenario's name, used for the results folder.</param>
/// <param name="Title">The report's heading.</param>
/// <param name="Description">What the scenario does and why, in a sentence or two.</param>
/// <param name="Target">The base URL the load went to.</param>
/// <param name="StartedAt">When the scenario started.</param>
/// <param name="Runs">The runs, in the order they ran.</param>
/// <param name="Findings">What the scenario checked or measured, e.g. "exactly one winner per night: yes".</param>
public sealed record LoadReport(
    string Scenario,
    string Title,
    string Description,
    string Target,
    DateTimeOffset StartedAt,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>False when any check failed: the command then exits with 1.</summary>
    [JsonIgnore]
    public bool Passed => Findings.All(finding => finding.Passed != false);
}

/// <summary>One line of the report's findings; <paramref name="Passed"/> is null for a measurement that is not a check.</summary>
public sealed record Finding(string Title, string Detail, bool? Passed = null);

/// <summary>The figures of one run.</summary>
/// <param name="Name">The run's name, e.g. "storm" or "breaker off".</param>
/// <param name="LoadModel">The load model, described.</param>
/// <param name="StartedAt">When the load started.</param>
/// <param name="DurationSeconds">How long load was offered (shorter than asked when stopped with Ctrl+C).</param>
/// <param name="PeakInFlight">The most requests that were in flight at once.</param>
/// <param name="Total">Every step together.</param>
/// <param name="Steps">Each step on its own.</param>
/// <param name="Intervals">Second by second, every step together; a request counts in the second it was due to start.</param>
/// <param name="StepIntervals">Second by second, each step on its own.</param>
/// <param name="Gauges">Each gauge's samples, about one a second.</param>
/// <param name="Errors">The first message seen for each kind of error, to tell what went wrong.</param>
public sealed record RunResult(
    string Name,
    string LoadModel,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    int PeakInFlight,
    StepSummary Total,
    IReadOnlyList<StepSummary> Steps,
    IReadOnlyList<IntervalStats> Intervals,
    IReadOnlyDictionary<string, IReadOnlyList<IntervalStats>> StepIntervals,
    IReadOnlyList<GaugeSeries> Gauges,
    IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>What the scenario measured besides the requests, e.g. "calls that reached payment"; shown per run and side by side.</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    /// <summary>Moments of the run worth seeing in the charts, e.g. when a redeploy began and ended.</summary>
    public IReadOnlyList<RunMark> Marks { get; init; } = [];
}

/// <summary>Something that happened <paramref name="Second"/> seconds after the run started, such as "redeploy reservation".</summary>
public sealed record RunMark(double Second, string Label);

/// <summary>Counts and latency of one step (or of all of them) over a whole run.</summary>
/// <param name="Step">The step's name; "all" for the total.</param>
/// <param name="Requests">How many requests were due (Ok + Fallback + Fail).</param>
/// <param name="Ok">Counted as Ok.</param>
/// <param name="Fallback">Counted as Fallback.</param>
/// <param name="Fail">Counted as Fail.</param>
/// <param name="Rps">Requests per second over the run.</param>
/// <param name="Latency">Latency of the requests that were sent; null when none was.</param>
/// <param name="Statuses">How many ended with each status code or kind of error.</param>
public sealed record StepSummary(
    string Step,
    long Requests,
    long Ok,
    long Fallback,
    long Fail,
    double Rps,
    LatencySummary? Latency,
    IReadOnlyDictionary<string, long> Statuses);

/// <summary>The requests due in one second of a run.</summary>
/// <param name="Second">Seconds since the run started: this interval is [Second, Second + 1).</param>
/// <param name="OfferedRate">Open model: the intended rate at the middle of the second. Closed model: null.</param>
/// <param name="Ok">Counted as Ok.</param>
/// <param name="Fallback">Counted as Fallback.</param>
/// <param name="Fail">Counted as Fail.</param>
/// <param name="Statuses">How many ended with each status code or kind of error.</param>
/// <param name="Latency">Latency of the requests sent in this second; null when none was.</param>
public sealed record IntervalStats(
    int Second,
    double? OfferedRate,
    long Ok,
    long Fallback,
    long Fail,
    IReadOnlyDictionary<string, long> Statuses,
    LatencySummary? Latency)
{
    [JsonIgnore]
    public long Requests => Ok + Fallback + Fail;
}

/// <summary>Latency percentiles in milliseconds, read from an HdrHistogram (three significant digits for a whole run).</summary>
public sealed record LatencySummary(double P50, double P75, double P95, double P99, double Max, double Mean);

/// <summary>A value polled about once a second while a run goes on, e.g. the replicas of a service.</summary>
public sealed record GaugeSeries(string Name, IReadOnlyList<GaugeSample> Samples);

/// <summary>A gauge's value <paramref name="Second"/> seconds after the run started.</summary>
public sealed record GaugeSample(double Second, double Value);
