using System.Net;
using System.Net.Http.Json;
using Accommodation.LoadTests.Access;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// Virtual users who each reserve a one-night stay and pay it, over and over (closed model). Every user has rooms of its
/// own and walks forward through their nights, so no two reservations ever compete: what is measured is paying, not the
/// race for rooms. A customer told "pay later" (503 with Retry-After) pays the same reservation again at once, as siege
/// would, without waiting; after any other answer to pay (confirmed, declined, an error) it reserves its next stay.
/// So most requests are pays, and reservations are only taken as fast as they are paid. Only when the AppHost's
/// balancer has no reservation replica to ask does a customer wait the second it is told to.
/// </summary>
internal sealed class PayingCustomers
{
    public const string ReserveStep = "reserve";
    public const string PayStep = "pay";

    // Calendar days 2 to 359 from today (UTC): reservation opens 365 days ahead in the hotel's time zone.
    private const int FirstDay = 2;
    private const int NightsPerRoom = 358;

    // Bounds of how many stays get paid, to register enough rooms that no user runs out of nights: ten payment replicas
    // approve at most 10 × 8 payments per 0.4 s; one user pays one at a time.
    private const double MaxStaysPerSecond = 250;
    private const double MaxStaysPerSecondPerUser = 10;

    private const int MaxRooms = 9999;
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A declined card (402) is an answer the API promises; a 503 with Retry-After is the pay-later fallback.</summary>
    private static readonly ResponseClassifier PayAnswers = HttpOutcome.AlsoOk(HttpStatusCode.PaymentRequired);

    private readonly string _tag;
    private readonly string[][] _rooms;
    private readonly DateOnly _firstNight;
    private readonly int[] _nextStay;
    private readonly string?[] _held;

    private PayingCustomers(string tag, string[][] rooms, DateOnly firstNight)
    {
        (_tag, _rooms, _firstNight) = (tag, rooms, firstNight);
        _nextStay = new int[rooms.Length];
        _held = new string?[rooms.Length];
    }

    /// <summary>How many rooms each user needs for <paramref name="loadTime"/> of load at the most this system could take.</summary>
    public static int RoomsPerUser(int users, TimeSpan loadTime)
    {
        var staysPerUser = loadTime.TotalSeconds * Math.Min(MaxStaysPerSecondPerUser, MaxStaysPerSecond / users);
        return Math.Max(1, (int)Math.Ceiling(staysPerUser / NightsPerRoom));
    }

    /// <summary>
    /// Registers rooms for <paramref name="users"/> users, enough for <paramref name="loadTime"/> of load in all, and waits
    /// until reservation knows them. Room numbers are <paramref name="letter"/>, the run tag and a number (e.g. C7KQWX0042).
    /// </summary>
    public static async Task<PayingCustomers> RegisterAsync(ScenarioContext context, char letter, int users, TimeSpan loadTime)
    {
        var roomsPerUser = RoomsPerUser(users, loadTime);
        if (users * roomsPerUser > MaxRooms)
        {
            throw new ScenarioException(
                $"{users} users need {users * roomsPerUser} rooms of their own for that long, more than the {MaxRooms} a run can number; use fewer users or a shorter duration.");
        }

        var tag = RunTag.New();
        var rooms = Enumerable.Range(0, users)
            .Select(user => Enumerable.Range(0, roomsPerUser).Select(k => string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"{letter}{tag}{(user * roomsPerUser) + k:0000}")).ToArray())
            .ToArray();
        var firstNight = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(FirstDay);
        var api = new AccommodationApi(context.Http);
        var all = rooms.SelectMany(own => own).ToList();

        context.Log($"Registering {all.Count} rooms ({all[0]}…), {roomsPerUser} for each of {users} users, {NightsPerRoom} nights each.");
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = context.Stopping },
            async (room, cancellationToken) => await api.RegisterRoomAsync(room, 90_000m, cancellationToken));

        context.Log("Waiting until reservation knows them (room-events through Kafka)…");
        // The probe takes the night after the last one the users walk to, and cancels it.
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = context.Stopping }, async (room, cancellationToken) =>
            await api.WaitUntilReservableAsync(room, firstNight.AddDays(NightsPerRoom), SetupTimeout, cancellationToken));

        return new PayingCustomers(tag, rooms, firstNight);
    }

    /// <summary>
    /// The two steps of each user: reserve its next night when it holds nothing to pay, else pay what it holds. Pay is
    /// classified by <see cref="PayAnswers"/>: 200 and 402 Ok, 503 with Retry-After Fallback, anything else Fail.
    /// </summary>
    public IReadOnlyList<Step> Steps() =>
    [
        new(ReserveStep, ReserveAsync) { When = step => _held[step.User] is null },
        new(PayStep, PayAsync) { When = step => _held[step.User] is not null },
    ];

    /// <summary>
    /// How many reserves and pays the AppHost's balancer turned away because no reservation replica passed /health
    /// (reservation overloaded, out of rotation for a moment), when it did; null when it never did.
    /// </summary>
    public static Finding? ReservationOutOfRotation(IReadOnlyList<RunResult> runs)
    {
        var turnedAway = runs
            .Select(run => (run.Name, Reserves: TurnedAway(run, ReserveStep), Pays: TurnedAway(run, PayStep)))
            .Where(run => run.Reserves + run.Pays > 0)
            .ToList();
        return turnedAway.Count == 0 ? null : new Finding(
            "Reservation itself fell out of rotation under this load",
            string.Join("; ", turnedAway.Select(run => $"{run.Name}: {run.Reserves} reserves and {run.Pays} pays")) +
            $" were answered 503 by the AppHost's balancer (\"{AppHostApi.NoReplica}\": no reservation replica passed /health at " +
            "that moment), not by reservation; each customer turned away waited the second it was told to. They count as failures, " +
            "apart from the pays reservation answered.");
    }

    /// <summary>
    /// The balancer's 503: nobody to ask. The customer comes back when it says (Retry-After, a second), rather than
    /// spinning on instant 503s and starving the machine reservation needs to recover on.
    /// </summary>
    private static StepOutcome TurnedAway(HttpResponseMessage response) =>
        StepOutcome.Failed(AppHostApi.NoReplica) with { Backoff = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1) };

    private static long TurnedAway(RunResult run, string step) =>
        run.Steps.FirstOrDefault(summary => summary.Step == step)?.Statuses.GetValueOrDefault(AppHostApi.NoReplica) ?? 0;

    private async Task<StepOutcome> ReserveAsync(StepContext step, CancellationToken cancellationToken)
    {
        var user = step.User;
        var stay = _nextStay[user];
        if (stay >= _rooms[user].Length * NightsPerRoom)
        {
            return StepOutcome.Failed("out-of-nights");
        }

        var night = _firstNight.AddDays(stay % NightsPerRoom);
        using var request = AccommodationApi.Reserve(Customer(user), _rooms[user][stay / NightsPerRoom], night, night.AddDays(1));
        using var response = await step.Http.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (await AppHostApi.IsNoReplicaAsync(response, cancellationToken))
        {
            return TurnedAway(response);
        }

        if (response.StatusCode == HttpStatusCode.Created)
        {
            var reservation = await response.Content.ReadFromJsonAsync<ReservationView>(cancellationToken);
            _held[user] = reservation!.Number;
        }

        // Taken (by this user's own earlier request that timed out) or ours now: the next stay is the next night. Any
        // other answer leaves the night free, to be asked for again.
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict)
        {
            _nextStay[user]++;
        }

        return HttpOutcome.Of(response);
    }

    private string Customer(int user) => $"{ClientCredentials.CustomerPrefix}pay-{_tag}-u{user}";

    private async Task<StepOutcome> PayAsync(StepContext step, CancellationToken cancellationToken)
    {
        var number = _held[step.User]!;
        _held[step.User] = null;
        using var request = AccommodationApi.Pay(Customer(step.User), number);
        using var response = await step.Http.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var outcome = await AppHostApi.IsNoReplicaAsync(response, cancellationToken)
            ? TurnedAway(response)
            : HttpOutcome.Of(response, PayAnswers);
        if (outcome.Kind == OutcomeKind.Fallback || outcome.Error == AppHostApi.NoReplica)
        {
            _held[step.User] = number; // still held (reservation did not even see it when turned away): pay again
        }

        return outcome;
    }
}
