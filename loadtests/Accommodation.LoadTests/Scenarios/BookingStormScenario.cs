using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Net;
using Accommodation.LoadTests.Access;
using Accommodation.LoadTests.Cli;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// Many customers race for the same few rooms and nights (closed model, like <c>siege -c100 -t60S</c>). Afterwards
/// reservation itself is asked who holds each night: exactly one live reservation per night, or the system double-booked.
/// </summary>
public sealed class BookingStormScenario : IScenario
{
    private const int DefaultUsers = 50;
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>201 and 409 are both correct answers to a customer who races others.</summary>
    private static readonly ResponseClassifier RaceAnswers = HttpOutcome.AlsoOk(HttpStatusCode.Conflict);

    private readonly Option<int?> _rooms = new("--rooms")
    {
        Description = "Rooms the customers race for, 1 to 99 (default 5)",
        CustomParser = result => (int?)CommonOptions.ParseNumber(result, 1, 99),
    };

    private readonly Option<int?> _nights = new("--nights")
    {
        Description = "Nights of each room on offer, starting 30 days from today, 1 to 90 (default 14)",
        CustomParser = result => (int?)CommonOptions.ParseNumber(result, 1, 90),
    };

    public string Name => "booking-storm";

    public string Description =>
        "Many customers race for the same rooms and nights (closed model); checks that each night has exactly one winner.";

    public IReadOnlyList<Option> Options => [_rooms, _nights];

    public async Task<LoadReport> RunAsync(ScenarioContext context)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var users = context.Settings.Users ?? DefaultUsers;
        var duration = context.Settings.Duration ?? DefaultDuration;
        var (roomCount, nightCount) = (context.Settings.Get(_rooms) ?? 5, context.Settings.Get(_nights) ?? 14);
        var tag = RunTag.New();
        var rooms = Enumerable.Range(1, roomCount).Select(k => $"BS{tag}-{k}").ToArray();
        var firstNight = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var api = new AccommodationApi(context.Http);

        context.Log($"Registering {roomCount} rooms ({rooms[0]}…), {nightCount} nights each from {firstNight:yyyy-MM-dd}.");
        foreach (var room in rooms)
        {
            await api.RegisterRoomAsync(room, 100_000m, context.Stopping);
        }

        context.Log("Waiting until reservation knows them (room-events through Kafka)…");
        // The probe night lies after the contested ones, so it never takes part in the race.
        await Task.WhenAll(rooms.Select(room =>
            api.WaitUntilReservableAsync(room, firstNight.AddDays(nightCount), SetupTimeout, context.Stopping)));

        long nightsWon = 0;
        var reserve = new Step("reserve", async (step, cancellationToken) =>
        {
            var offset = step.Random.Next(nightCount);
            var nights = 1 + step.Random.Next(Math.Min(3, nightCount - offset));
            var checkIn = firstNight.AddDays(offset);
            using var request = AccommodationApi.Reserve(
                Customer(tag, step.User), rooms[step.Random.Next(rooms.Length)], checkIn, checkIn.AddDays(nights));
            var outcome = await HttpOutcome.SendAsync(step.Http, request, cancellationToken, RaceAnswers);
            if (outcome.StatusCode == (int)HttpStatusCode.Created)
            {
                Interlocked.Add(ref nightsWon, nights);
            }

            return outcome;
        });
        var run = await context.RunAsync(new RunDefinition("storm", LoadModel.Closed(users, duration), [reserve])
        {
            Gauges = [new Gauge("nights won", () => Task.FromResult((double)Interlocked.Read(ref nightsWon)))],
        });

        context.Log("Asking reservation who holds each night…");
        var findings = await CheckWinnersAsync(api, tag, users, rooms, firstNight, nightCount, run);
        return new LoadReport(
            Name,
            "Booking storm",
            $"{users} customers race for {roomCount} rooms × {nightCount} nights, each asking for 1 to 3 random nights of a random room. " +
            "A 201 wins the nights, a 409 means someone was faster: both are correct answers (Ok). Afterwards reservation " +
            "itself is asked who holds each night, and room is asked whether it agrees.",
            context.Settings.BaseUrl.ToString(),
            startedAt,
            [run],
            findings);
    }


    private static string Customer(string tag, int user) => $"{ClientCredentials.CustomerPrefix}storm-{tag}-u{user}";

    private static async Task<List<Finding>> CheckWinnersAsync(
        AccommodationApi api, string tag, int users, string[] rooms, DateOnly firstNight, int nightCount, RunResult run)
    {
        using var timeout = new CancellationTokenSource(SetupTimeout);
        var reservations = new ConcurrentBag<ReservationView>();
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = timeout.Token },
            async (user, cancellationToken) =>
            {
                foreach (var reservation in await api.ListReservationsAsync(Customer(tag, user), cancellationToken))
                {
                    reservations.Add(reservation);
                }
            });

        var live = reservations.Where(reservation => reservation.IsLive && rooms.Contains(reservation.RoomNumber)).ToList();
        var nights = rooms.SelectMany(room => Enumerable.Range(0, nightCount).Select(offset => (Room: room, Night: firstNight.AddDays(offset))));
        var winners = nights.Select(night => live.Count(reservation => reservation.RoomNumber == night.Room && reservation.Covers(night.Night))).ToList();
        var (one, none, several) = (winners.Count(count => count == 1), winners.Count(count => count == 0), winners.Count(count => count > 1));
        var created = run.Total.Statuses.GetValueOrDefault("201");
        var conflicts = run.Total.Statuses.GetValueOrDefault("409");
        var others = run.Total.Statuses.Where(status => status.Key is not ("201" or "409")).Select(status => $"{status.Key} × {status.Value}").ToList();

        var exactlyOne = several == 0 && none == 0;
        var findings = new List<Finding>
        {
            new($"Exactly one winner per night: {(exactlyOne ? "yes" : "no")}",
                $"{one} of {winners.Count} nights ({rooms.Length} rooms × {nightCount} nights) are held by exactly one live reservation; " +
                $"{several} by more than one; {none} by none.",
                exactlyOne),
            new("Answers to reserve",
                $"201 × {created} (won), 409 × {conflicts} (someone was faster)" + (others.Count > 0 ? $"; also {string.Join(", ", others)}" : "") + "."),
            new($"Every 201 is a live reservation: {(live.Count == created ? "yes" : "no")}",
                $"reservation holds {live.Count} live reservations of these customers; the storm got {created} × 201.",
                live.Count == created),
        };
        findings.Add(await RoomAgreesAsync(api, rooms, firstNight, nightCount, live));
        return findings;
    }

    /// <summary>Room learns of reservations from reservation-events, so it may lag a moment; it is given 30 seconds to agree.</summary>
    private static async Task<Finding> RoomAgreesAsync(
        AccommodationApi api, string[] rooms, DateOnly firstNight, int nightCount, List<ReservationView> live)
    {
        var waited = Stopwatch.StartNew();
        var lastNight = firstNight.AddDays(nightCount);
        var disagreements = 0;
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            disagreements = 0;
            foreach (var room in rooms)
            {
                foreach (var night in await api.RoomNightsAsync(room, firstNight, lastNight, CancellationToken.None))
                {
                    var held = live.Any(reservation => reservation.RoomNumber == room && reservation.Covers(night.Night));
                    disagreements += held == (night.Status == "Unavailable") ? 0 : 1;
                }
            }

            if (disagreements == 0)
            {
                return new Finding("Room agrees: yes",
                    $"after {waited.Elapsed.TotalSeconds:0.0} s every won night is Unavailable in room and every other one Available.", Passed: true);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return new Finding("Room agrees: no", $"after 30 s room still disagrees with reservation about {disagreements} nights.", Passed: false);
    }
}
