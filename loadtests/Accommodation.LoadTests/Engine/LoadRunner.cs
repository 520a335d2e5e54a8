using System.Diagnostics;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Engine;

/// <summary>
/// Offers a run's load through <paramref name="http"/> and records every request. Stopping (Ctrl+C) ends the load
/// early; requests already sent are waited for, and the result covers what ran.
/// </summary>
public sealed class LoadRunner(HttpClient http)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    public Task<RunResult> RunAsync(RunDefinition run, Action<RunProgress>? progress = null, CancellationToken stop = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(run.Steps.Count);
        return new Execution(http, run).RunAsync(progress, stop);
    }

    /// <summary>The state of one run: its clock, recorder and requests in flight.</summary>
    private sealed class Execution(HttpClient http, RunDefinition run)
    {
        private readonly RunRecorder _recorder = new(run.Steps.Select(step => step.Name));
        private readonly long _start = Stopwatch.GetTimestamp();
        private int _inFlight;
        private int _peakInFlight;
        private (long Answered, TimeSpan At) _lastSnapshot;

        private TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

        public async Task<RunResult> RunAsync(Action<RunProgress>? progress, CancellationToken stop)
        {
            var startedAt = DateTimeOffset.UtcNow;
            using var finished = new CancellationTokenSource();
            var gauges = run.Gauges.Select(gauge => PollAsync(gauge, finished.Token)).ToList();
            var progressLine = progress is null ? Task.CompletedTask : ShowProgressAsync(progress, finished.Token);

            await (run.Load switch
            {
                ClosedModel closed => OfferClosedAsync(closed, stop),
                OpenModel open => OfferOpenAsync(open, stop),
                _ => throw new NotSupportedException($"Unknown load model {run.Load.GetType().Name}."),
            });
            var duration = stop.IsCancellationRequested && Elapsed < run.Load.Duration ? Elapsed : run.Load.Duration;
            while (Volatile.Read(ref _inFlight) > 0)
            {
                await Task.Delay(10, CancellationToken.None);
            }

            await finished.CancelAsync();
            var series = await Task.WhenAll(gauges);
            await progressLine;
            progress?.Invoke(Snapshot());
            return _recorder.Result(run.Name, run.Load, startedAt, duration, _peakInFlight, series);
        }

        private async Task OfferClosedAsync(ClosedModel model, CancellationToken stop)
        {
            var users = Enumerable.Range(0, model.Users).Select(user => Task.Run(async () =>
            {
                var random = new Random();
                for (long iteration = 0; !stop.IsCancellationRequested; iteration++)
                {
                    var startedAt = Stopwatch.GetTimestamp();
                    var elapsed = Stopwatch.GetElapsedTime(_start, startedAt);
                    if (elapsed >= model.Duration)
                    {
                        break;
                    }

                    var context = new StepContext(http, user, iteration, random);
                    var outcome = await ExecuteAsync(Step.Pick(run.Steps, context), context, startedAt, (int)elapsed.TotalSeconds);
                    var pause = Max(model.ThinkTime * random.NextDouble(), outcome.Backoff ?? TimeSpan.Zero);
                    if (pause > TimeSpan.Zero && !await PauseAsync(pause, model.Duration - Elapsed, stop))
                    {
                        break;
                    }
                }
            }, CancellationToken.None));
            await Task.WhenAll(users);
        }

        private static TimeSpan Max(TimeSpan one, TimeSpan other) => one > other ? one : other;

        /// <summary>
        /// A user's think time or backoff; false when the run ends during it (the user is done, even if the timer fires a
        /// moment early) or is stopped meanwhile.
        /// </summary>
        private static async Task<bool> PauseAsync(TimeSpan pause, TimeSpan left, CancellationToken stop)
        {
            try
            {
                await Task.Delay(pause < left ? pause : left > TimeSpan.Zero ? left : TimeSpan.Zero, stop);
                return pause < left;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private async Task OfferOpenAsync(OpenModel model, CancellationToken stop)
        {
            for (long n = 0; model.DueTime(n) is { } due && !stop.IsCancellationRequested; n++)
            {
                // Never early: the latency of a request counts from when it was due.
                for (var wait = due - Elapsed; wait > TimeSpan.Zero; wait = due - Elapsed)
                {
                    try
                    {
                        await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                var context = new StepContext(http, -1, n, Random.Shared);
                var step = Step.Pick(run.Steps, context);
                var second = (int)due.TotalSeconds;
                if (Volatile.Read(ref _inFlight) >= model.MaxInFlight)
                {
                    _recorder.Record(step.Name, second, StepOutcome.Failed(StepOutcome.Overloaded), latency: null);
                    continue;
                }

                var dueAt = _start + (long)(due.TotalSeconds * Stopwatch.Frequency);
                // Not awaited: the next request is due whatever this one takes. The step runs here up to its first await.
                _ = ExecuteAsync(step, context, dueAt, second);
            }
        }

        private async Task<StepOutcome> ExecuteAsync(Step step, StepContext context, long dueAt, int second)
        {
            var inFlight = Interlocked.Increment(ref _inFlight);
            for (var peak = Volatile.Read(ref _peakInFlight); inFlight > peak; peak = Volatile.Read(ref _peakInFlight))
            {
                Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak);
            }

            try
            {
                using var timeout = new CancellationTokenSource(run.RequestTimeout);
                StepOutcome outcome;
                try
                {
                    outcome = await step.Action(context, timeout.Token);
                }
                catch (Exception exception)
                {
                    outcome = HttpOutcome.FromException(exception, timeout.IsCancellationRequested);
                    _recorder.RecordError(outcome.Label, exception);
                }

                _recorder.Record(step.Name, second, outcome, Stopwatch.GetElapsedTime(dueAt));
                return outcome;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private async Task<GaugeSeries> PollAsync(Gauge gauge, CancellationToken finished)
        {
            var samples = new List<GaugeSample>();
            for (var tick = 1; ; tick++)
            {
                var at = Elapsed;
                try
                {
                    var value = await gauge.Sample().WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
                    samples.Add(new GaugeSample(Math.Round(at.TotalSeconds, 3), value));
                }
                catch (Exception exception)
                {
                    _recorder.RecordError($"gauge {gauge.Name}", exception);
                }

                if (finished.IsCancellationRequested)
                {
                    return new GaugeSeries(gauge.Name, samples);
                }

                // One sample a second, and a last one when the run has finished.
                var next = TimeSpan.FromSeconds(tick) - Elapsed;
                try
                {
                    await Task.Delay(next > TimeSpan.Zero ? next : TimeSpan.Zero, finished);
                }
                catch (OperationCanceledException)
                {
                    // The run has finished: one more sample, then done.
                }
            }
        }

        private async Task ShowProgressAsync(Action<RunProgress> progress, CancellationToken finished)
        {
            using var timer = new PeriodicTimer(ProgressInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(finished))
                {
                    progress(Snapshot());
                }
            }
            catch (OperationCanceledException)
            {
                // The run has finished; RunAsync shows the last line.
            }
        }

        /// <summary>Called by one thread at a time: the progress loop, then RunAsync once it has stopped.</summary>
        private RunProgress Snapshot()
        {
            var elapsed = Elapsed;
            var (ok, fallback, fail, p99) = _recorder.Progress();
            var ended = ok + fallback + fail;
            var rate = (ended - _lastSnapshot.Answered) / Math.Max((elapsed - _lastSnapshot.At).TotalSeconds, 1e-3);
            _lastSnapshot = (ended, elapsed);
            return new RunProgress(run.Name, elapsed, run.Load.Duration, rate, ok, fallback, fail, p99, Volatile.Read(ref _inFlight));
        }
    }
}
