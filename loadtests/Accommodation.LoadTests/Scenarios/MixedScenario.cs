using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Accommodation.LoadTests.Access;
using Accommodation.LoadTests.Cli;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// Customers browse, reserve, pay and cancel in realistic proportions (70/15/10/5) at a rate that ramps up (open
/// model); the report tells the highest rate at which p99 stayed under a bound.
/// </summary>
public sealed class MixedScenario : IScenario
{
    private const double DefaultRate = 50;
    private const int Customers = 100;
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);

    // Declined (402), not held any more (409) and "taken" (409) are answers the API promises; a 503 with Retry-After is
    // the pay-later fallback.
    // Pay waits for the payment gateway (simulated at 400 ± 220 ms), so its p99 says more about that than about load.
    private static readonly string[] BoundedSteps = ["browse rooms", "availability", "reserve", "cancel"];

    private static readonly ResponseClassifier PromisedAnswers = HttpOutcome.AlsoOk(HttpStatusCode.PaymentRequired, HttpStatusCode.Conflict);

    private readonly Option<int?> _rooms = new("--rooms")
    {
        Description = "Rooms to register and browse, 1 to 99 (default 20)",
        CustomParser = result => (int?)CommonOptions.ParseNumber(result, 1, 99),
    };

    private readonly Option<TimeSpan?> _p99Bound = new("--p99-bound")
    {
        Description = "The latency p99 must stay under (default 500ms)",
        CustomParser = result => CommonOptions.ParseDuration(result),
    };

    public string Name => "mixed";

    public string Description =>
        "Browse / reserve / pay / cancel at 70/15/10/5 on a rising rate (open model); finds the highest rate with p99 under --p99-bound.";

    public IReadOnlyList<Option> Options => [_rooms, _p99Bound];

    public async Task<LoadReport> RunAsync(ScenarioContext context)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var rate = context.Settings.Rate ?? DefaultRate;
        var duration = context.Settings.Duration ?? DefaultDuration;
        var bound = context.Settings.Get(_p99Bound) ?? TimeSpan.FromMilliseconds(500);
        var tag = RunTag.New();
        var rooms = Enumerable.Range(1, context.Settings.Get(_rooms) ?? 20).Select(k => $"MX{tag}-{k}").ToArray();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var api = new AccommodationApi(context.Http);

        context.Log($"Registering {rooms.Length} rooms ({rooms[0]}…).");
        foreach (var room in rooms)
        {
            await api.RegisterRoomAsync(room, 150_000m, context.Stopping);
        }

        context.Log("Waiting until reservation and the room view know them (room-events through Kafka)…");
        // Stays are drawn from days 2 to 300 ahead; the probe takes a night after them.
        await Task.WhenAll(rooms.SelectMany(room => new[]
        {
            api.WaitUntilReservableAsync(room, today.AddDays(340), SetupTimeout, context.Stopping),
            api.WaitUntilVisibleAsync(room, SetupTimeout, context.Stopping),
        }));

        var held = new ConcurrentQueue<Booked>();
        var confirmed = new ConcurrentQueue<Booked>();

        async Task<StepOutcome> ReserveAsync(StepContext step, CancellationToken cancellationToken)
        {
            var checkIn = today.AddDays(2 + step.Random.Next(299));
            var customer = $"{ClientCredentials.CustomerPrefix}mixed-{tag}-c{step.Random.Next(Customers)}";
            using var request = AccommodationApi.Reserve(customer, Pick(rooms, step), checkIn, checkIn.AddDays(1 + step.Random.Next(4)));
            using var response = await step.Http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var reservation = await response.Content.ReadFromJsonAsync<ReservationView>(cancellationToken);
                held.Enqueue(new Booked(reservation!.Number, customer));
            }

            return HttpOutcome.Of(response, PromisedAnswers);
        }

        Step[] steps =
        [
            new("browse rooms", (step, cancellationToken) =>
                HttpOutcome.GetAsync(step.Http, "api/v1/roominfos", cancellationToken))
            {
                Weight = 35,
            },
            new("availability", (step, cancellationToken) =>
            {
                var from = today.AddDays(2 + step.Random.Next(299));
                var uri = string.Create(CultureInfo.InvariantCulture, $"api/v1/roominfos/{Pick(rooms, step)}/availability?from={from:yyyy-MM-dd}&to={from.AddDays(14):yyyy-MM-dd}");
                return HttpOutcome.GetAsync(step.Http, uri, cancellationToken);
            })
            {
                Weight = 35,
            },
            new("reserve", ReserveAsync) { Weight = 15 },
            new("pay", async (step, cancellationToken) =>
            {
                // Only when another pay took the last held reservation between the pick and here.
                if (!held.TryDequeue(out var booked))
                {
                    return await ReserveAsync(step, cancellationToken);
                }

                using var request = AccommodationApi.Pay(booked.Customer, booked.Number);
                using var response = await step.Http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    confirmed.Enqueue(booked);
                }
                else if (response.StatusCode is HttpStatusCode.PaymentRequired or HttpStatusCode.ServiceUnavailable)
                {
                    held.Enqueue(booked); // still held: it can be paid again
                }
                return HttpOutcome.Of(response, PromisedAnswers);
            })
            {
                Weight = 10,
                When = _ => !held.IsEmpty,
            },
            new("cancel", async (step, cancellationToken) =>
            {
                if (!confirmed.TryDequeue(out var booked) && !held.TryDequeue(out booked))
                {
                    return await ReserveAsync(step, cancellationToken);
                }

                using var request = AccommodationApi.Cancel(booked.Customer, booked.Number);
                using var response = await step.Http.SendAsync(request, cancellationToken);
                return HttpOutcome.Of(response, PromisedAnswers);
            })
            {
                Weight = 5,
                When = _ => !confirmed.IsEmpty || !held.IsEmpty,
            },
        ];

        var load = LoadModel.Ramp(Math.Max(1, rate / 10), rate, duration, context.Settings.MaxInFlight);
        var run = await context.RunAsync(new RunDefinition("mixed", load, steps)
        {
            Gauges = [new Gauge("held reservations waiting to be paid", () => Task.FromResult((double)held.Count))],
        });

        return new LoadReport(
            Name,
            "Mixed traffic on a rising rate",
            $"Customers browse (GET /api/v1/roominfos 35 %, availability of a room 35 %), reserve (15 %), pay a held reservation " +
            $"(10 %) and cancel (5 %), on {rooms.Length} fresh rooms, at a rate rising from {load.FromRate:0.#} to {load.ToRate:0.#} " +
            "requests per second. 402 (declined) and 409 (taken, or no longer held) are answers the API promises (Ok); " +
            "a 503 with Retry-After from pay is its pay-later fallback. The p99 bound applies to every step but pay, which waits " +
            "for the payment gateway (simulated at 400 ± 220 ms).",
            context.Settings.BaseUrl.ToString(),
            startedAt,
            [run],
            [HighestRateUnder(bound, run, BoundedSteps)]);
    }

    /// <summary>
    /// The offered rate of the last second before the p99 of one of <paramref name="steps"/> went over the bound for two
    /// seconds in a row (one slow second, such as a garbage collection, does not end it).
    /// </summary>
    public static Finding HighestRateUnder(TimeSpan bound, RunResult run, IReadOnlyList<string> steps)
    {
        var limit = bound.TotalMilliseconds;
        var title = $"Highest rate with p99 under {limit:0} ms";
        var which = steps.Count == 1 ? steps[0] : $"{string.Join(", ", steps.SkipLast(1))} and {steps[^1]}";
        // Each second: its offered rate and the slowest p99 among the steps.
        var seconds = run.Intervals
            .Where(interval => interval.OfferedRate is not null)
            .Select(interval => (interval.Second, Rate: interval.OfferedRate!.Value, P99: steps.Max(step => P99(run, step, interval.Second))))
            .Where(second => second.P99 is not null)
            .ToList();
        if (seconds.Count == 0)
        {
            return new Finding(title, $"no request of {which} was answered.");
        }

        var first = Enumerable.Range(0, seconds.Count - 1).FirstOrDefault(i => seconds[i].P99 > limit && seconds[i + 1].P99 > limit, -1);
        if (first < 0)
        {
            var peak = seconds[^1];
            return new Finding($"{title}: at least {peak.Rate:0.#} req/s",
                $"the p99 of {which} stayed under {limit:0} ms up to the end of the ramp ({peak.Rate:0.#} req/s offered in second {peak.Second}).");
        }

        if (first == 0)
        {
            return new Finding($"{title}: none",
                $"the p99 of {which} was over {limit:0} ms from the first second on ({seconds[0].P99:0} ms at {seconds[0].Rate:0.#} req/s offered).");
        }

        var (last, over) = (seconds[first - 1], seconds[first]);
        return new Finding($"{title}: {last.Rate:0.#} req/s",
            $"the p99 of {which} stayed under {limit:0} ms up to {last.Rate:0.#} req/s offered (second {last.Second}, slowest p99 " +
            $"{last.P99:0} ms); in second {over.Second} ({over.Rate:0.#} req/s) one reached {over.P99:0} ms, and the next second was over too.");
    }

    private static double? P99(RunResult run, string step, int second) =>
        run.StepIntervals.TryGetValue(step, out var intervals) && second < intervals.Count ? intervals[second].Latency?.P99 : null;

    private static string Pick(string[] rooms, StepContext step) => rooms[step.Random.Next(rooms.Length)];

    /// <summary>A reservation and the customer who made it, who alone may pay it.</summary>
    private sealed record Booked(string Number, string Customer);
}
