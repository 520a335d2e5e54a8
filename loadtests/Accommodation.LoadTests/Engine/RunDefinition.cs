namespace Accommodation.LoadTests.Engine;

/// <summary>One run of a scenario: its name, how load is offered and which steps make it up.</summary>
public sealed record RunDefinition(string Name, LoadModel Load, IReadOnlyList<Step> Steps)
{
    /// <summary>Values polled about once a second while the run goes on, e.g. a service's replicas from the AppHost API.</summary>
    public IReadOnlyList<Gauge> Gauges { get; init; } = [];

    /// <summary>A request still unanswered after this long counts as a failure of kind "timeout".</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>A value shown over time in the report; a sample that throws or takes over two seconds is left out.</summary>
public sealed record Gauge(string Name, Func<Task<double>> Sample);

/// <summary>What the live progress line shows.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Duration">How long the run offers load.</param>
/// <param name="Rps">Requests that ended per second since the last progress line.</param>
/// <param name="Ok">Ok so far.</param>
/// <param name="Fallback">Fallback so far.</param>
/// <param name="Fail">Fail so far.</param>
/// <param name="P99">The 99th percentile of latency so far, in milliseconds.</param>
/// <param name="InFlight">Requests in flight now.</param>
public sealed record RunProgress(
    string Run, TimeSpan Elapsed, TimeSpan Duration, double Rps, long Ok, long Fallback, long Fail, double? P99, int InFlight);
