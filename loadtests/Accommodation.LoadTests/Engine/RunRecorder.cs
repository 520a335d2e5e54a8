using Accommodation.LoadTests.Reporting;
using HdrHistogram;

namespace Accommodation.LoadTests.Engine;

/// <summary>
/// Collects every request of a run: an HdrHistogram and counts for the whole run and for each second, all steps
/// together and each step on its own.
/// One lock: a run here is at most a few thousand requests a second, far below what it costs.
/// </summary>
internal sealed class RunRecorder
{
    private readonly Lock _lock = new();
    private readonly Tally _total = new(significantDigits: 3);
    private readonly Dictionary<string, Tally> _steps;
    private readonly List<Tally> _seconds = [];
    private readonly Dictionary<string, List<Tally>> _stepSeconds;
    private readonly Dictionary<string, string> _errors = [];

    public RunRecorder(IEnumerable<string> steps)
    {
        var names = steps.Distinct().ToList();
        _steps = names.ToDictionary(step => step, _ => new Tally(significantDigits: 3));
        _stepSeconds = names.ToDictionary(step => step, _ => new List<Tally>());
    }

    /// <summary>Records one request that was due in <paramref name="second"/>; <paramref name="latency"/> is null when it was never sent.</summary>
    public void Record(string step, int second, StepOutcome outcome, TimeSpan? latency)
    {
        lock (_lock)
        {
            _total.Add(outcome, latency);
            _steps[step].Add(outcome, latency);
            At(_seconds, second).Add(outcome, latency);
            At(_stepSeconds[step], second).Add(outcome, latency);
        }
    }

    public void RecordError(string kind, Exception exception)
    {
        lock (_lock)
        {
            _errors.TryAdd(kind, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Totals so far, for the progress line.</summary>
    public (long Ok, long Fallback, long Fail, double? P99) Progress()
    {
        lock (_lock)
        {
            return (_total.Ok, _total.Fallback, _total.Fail, _total.Latency()?.P99);
        }
    }

    public RunResult Result(
        string name, LoadModel load, DateTimeOffset startedAt, TimeSpan duration, int peakInFlight, IReadOnlyList<GaugeSeries> gauges)
    {
        lock (_lock)
        {
            var seconds = Math.Max(duration.TotalSeconds, 1e-3);
            List<IntervalStats> Intervals(List<Tally> tallies) => [.. tallies.Select((tally, second) => new IntervalStats(
                second,
                load is OpenModel open ? open.RateAt(TimeSpan.FromSeconds(second + 0.5)) : null,
                tally.Ok,
                tally.Fallback,
                tally.Fail,
                tally.SortedStatuses(),
                tally.Latency()))];
            return new RunResult(
                name,
                load.Describe(),
                startedAt,
                duration.TotalSeconds,
                peakInFlight,
                _total.Summary("all", seconds),
                [.. _steps.Select(step => step.Value.Summary(step.Key, seconds))],
                Intervals(_seconds),
                _stepSeconds.ToDictionary(step => step.Key, step => (IReadOnlyList<IntervalStats>)Intervals(step.Value)),
                gauges,
                new Dictionary<string, string>(_errors));
        }
    }

    private static Tally At(List<Tally> seconds, int second)
    {
        while (seconds.Count <= second)
        {
            seconds.Add(new Tally(significantDigits: 2));
        }

        return seconds[second];
    }

    private sealed class Tally(int significantDigits)
    {
        // Microseconds, up to ten minutes; a longer wait is recorded as ten minutes.
        private const long HighestMicroseconds = 600_000_000;

        private readonly LongHistogram _histogram = new(HighestMicroseconds, significantDigits);
        private readonly Dictionary<string, long> _statuses = [];

        public long Ok { get; private set; }

        public long Fallback { get; private set; }

        public long Fail { get; private set; }

        public long Requests => Ok + Fallback + Fail;

        public void Add(StepOutcome outcome, TimeSpan? latency)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Ok:
                    Ok++;
                    break;
                case OutcomeKind.Fallback:
                    Fallback++;
                    break;
                default:
                    Fail++;
                    break;
            }

            _statuses[outcome.Label] = _statuses.GetValueOrDefault(outcome.Label) + 1;
            if (latency is { } value)
            {
                _histogram.RecordValue(Math.Clamp((long)(value.Ticks / (double)TimeSpan.TicksPerMicrosecond), 0, HighestMicroseconds));
            }
        }

        public LatencySummary? Latency() => _histogram.TotalCount == 0 ? null : new LatencySummary(
            Milliseconds(_histogram.GetValueAtPercentile(50)),
            Milliseconds(_histogram.GetValueAtPercentile(75)),
            Milliseconds(_histogram.GetValueAtPercentile(95)),
            Milliseconds(_histogram.GetValueAtPercentile(99)),
            Milliseconds(_histogram.GetMaxValue()),
            Math.Round(_histogram.GetMean() / 1000, 3));

        public SortedDictionary<string, long> SortedStatuses() => new(_statuses, StringComparer.Ordinal);

        public StepSummary Summary(string step, double seconds) =>
            new(step, Requests, Ok, Fallback, Fail, Math.Round(Requests / seconds, 2), Latency(), SortedStatuses());

        private static double Milliseconds(long microseconds) => microseconds / 1000.0;
    }
}
