using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Accommodation.Bench.Baselines;
using Accommodation.LoadTests.Access;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;
using Accommodation.LoadTests.Scenarios;
using HdrHistogram;

namespace Accommodation.Bench.Measurements;

/// <summary>The system's figures, each measured through the gateway as a client would see it (or at one service, where the issue says so).</summary>
internal sealed class SystemMeasurements(BenchSystem system, BenchOptions options, Action<string> log)
{
    private readonly string _tag = RunTag.New().ToLowerInvariant();

    /// <summary>Room availability for a 14-night range, from the read model (roomview, Redis), with wrk.</summary>
    public async Task<WrkResult> ReadAsync(Stays stays, int connections, CancellationToken cancellationToken)
    {
        var token = await system.Tokens.GetAsync(customerId: null, cancellationToken);
        var from = stays.FirstNight;
        var url = new Uri(system.Gateway, $"api/v1/roominfos/{stays.Rooms[0]}/availability?from={from:yyyy-MM-dd}&to={from.AddDays(14):yyyy-MM-dd}");
        return await Wrk.RunAsync(url, Options(connections) with { Headers = Bearer(token) }, cancellationToken);
    }

    /// <summary>Create reservation (POST /api/v1/reservations), every request a night nobody else asked for, with wrk.</summary>
    public async Task<WrkResult> WriteAsync(Stays stays, long first, int connections, CancellationToken cancellationToken)
    {
        var token = await system.Tokens.GetAsync($"{ClientCredentials.CustomerPrefix}bench-{_tag}-writer", cancellationToken);
        var script = Path.Combine(Path.GetTempPath(), $"bench-reserve-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, ReservationScript.Lua(stays.Rooms, stays.FirstNight, first, WrkThreads, token), cancellationToken);
        try
        {
            return await Wrk.RunAsync(system.Gateway, Options(connections) with { ScriptFile = script }, cancellationToken);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// Bookings: each of <paramref name="users"/> customers reserves a night and pays it (payment answers synchronously),
    /// again and again. A booking is complete when pay answers 200; its latency is the reserve and the pay together.
    /// </summary>
    public async Task<StepSummary> BookingAsync(Stays stays, int users, CancellationToken cancellationToken)
    {
        var book = new Step("book", async (step, token) =>
        {
            if (stays.Next() is not { } stay)
            {
                return StepOutcome.Failed("out-of-nights");
            }

            var customer = $"{ClientCredentials.CustomerPrefix}bench-{_tag}-u{step.User}";
            using var reserve = await system.Http.SendAsync(AccommodationApi.Reserve(customer, stay.Room, stay.Night, stay.Night.AddDays(1)), token);
            if (reserve.StatusCode != HttpStatusCode.Created)
            {
                return HttpOutcome.Of(reserve);
            }

            var reservation = await reserve.Content.ReadFromJsonAsync<ReservationView>(token);
            using var pay = await system.Http.SendAsync(AccommodationApi.Pay(customer, reservation!.Number), token);
            return HttpOutcome.Of(pay);
        });
        var run = await new LoadRunner(system.Http).RunAsync(
            new RunDefinition("booking", new ClosedModel(users, options.Duration), [book]), stop: cancellationToken);
        return run.Total;
    }

    /// <summary>
    /// Event lag: reservations created at a fixed rate by one customer, whose "my reservations" stream (roomview's SSE,
    /// pushed once the read model has applied the event) is watched. Lag is the stream's arrival minus the reservation's
    /// PlacedAt, the time reservation stamped it in the transaction that committed it (same machine, same clock).
    /// </summary>
    public async Task<EventLag> EventLagAsync(Stays stays, double rate, CancellationToken cancellationToken)
    {
        var customer = $"{ClientCredentials.CustomerPrefix}bench-{_tag}-lag";
        var placed = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = WatchAsync(customer, seen, watching.Token);

        var reserve = new Step("reserve", async (_, token) =>
        {
            if (stays.Next() is not { } stay)
            {
                return StepOutcome.Failed("out-of-nights");
            }

            using var response = await system.Http.SendAsync(AccommodationApi.Reserve(customer, stay.Room, stay.Night, stay.Night.AddDays(1)), token);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token));
                placed[body.RootElement.GetProperty("number").GetString()!] = body.RootElement.GetProperty("placedAt").GetDateTimeOffset();
            }

            return HttpOutcome.Of(response);
        });
        var run = await new LoadRunner(system.Http).RunAsync(
            new RunDefinition("event-lag", new OpenModel(rate, rate, options.Duration, LoadModel.DefaultMaxInFlight), [reserve]), stop: cancellationToken);

        // Stragglers: a second for the last events to arrive.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5) && placed.Keys.Any(number => !seen.ContainsKey(number)))
        {
            await Task.Delay(100, cancellationToken);
        }

        await watching.CancelAsync();
        await watcher;

        var histogram = new LongHistogram(TimeSpan.FromMinutes(1).Ticks, 3);
        foreach (var (number, at) in placed)
        {
            if (seen.TryGetValue(number, out var arrived))
            {
                histogram.RecordValue(Math.Max(0, (arrived - at).Ticks));
            }
        }

        var missing = placed.Keys.Count(number => !seen.ContainsKey(number));
        // What the system took, not what was offered: past its write capacity the runner drops what it cannot send.
        var achieved = placed.Count / run.DurationSeconds;
        log($"Event lag: {placed.Count} reservations, {achieved:0} /s of {rate:0} offered, {histogram.TotalCount} seen in the stream, {missing} not within 5 s.");
        return new EventLag(
            placed.Count, missing, achieved,
            TimeSpan.FromTicks(histogram.GetValueAtPercentile(50)), TimeSpan.FromTicks(histogram.GetValueAtPercentile(99)));
    }

    /// <summary>Every reservation number the customer's stream reports, with when it first arrived.</summary>
    private async Task WatchAsync(string customer, System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> seen, CancellationToken cancellationToken)
    {
        try
        {
            using var request = BearerTokenHandler.ForCustomer(new HttpRequestMessage(HttpMethod.Get, $"api/v1/customers/{customer}/reservations/stream"), customer);
            using var response = await system.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
            {
                var arrived = DateTimeOffset.UtcNow;
                if (item.EventType == "reservation")
                {
                    using var reservation = JsonDocument.Parse(item.Data);
                    seen.TryAdd(reservation.RootElement.GetProperty("reservationNumber").GetString()!, arrived);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The fallback at the reservation service: with payment stopped the circuit opens, and pay answers "pay later"
    /// (503, Retry-After) without calling payment. Its latency is measured at a fixed rate (the event-lag rate), where
    /// the answer's own time shows rather than the queue of a saturated machine; how many it can give is measured with
    /// wrk at 8 connections. Both go straight to reservation's endpoint, not through the gateway.
    /// </summary>
    public async Task<CircuitOpen> CircuitOpenAsync(Stays stays, double rate, CancellationToken cancellationToken)
    {
        const int Held = 32;
        var customer = $"{ClientCredentials.CustomerPrefix}bench-{_tag}-circuit";
        var numbers = new List<string>();
        for (var i = 0; i < Held && stays.Next() is { } stay; i++)
        {
            using var reserve = await system.Http.SendAsync(AccommodationApi.Reserve(customer, stay.Room, stay.Night, stay.Night.AddDays(1)), cancellationToken);
            reserve.EnsureSuccessStatusCode();
            numbers.Add((await reserve.Content.ReadFromJsonAsync<ReservationView>(cancellationToken))!.Number);
        }

        var token = await system.Tokens.GetAsync(customer, cancellationToken);
        var reservation = await system.ReplicaUrlAsync("reservation", cancellationToken);
        var script = Path.Combine(Path.GetTempPath(), $"bench-pay-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, ReservationScript.PayLua(numbers, token), cancellationToken);
        var payOptions = Options(8) with { ScriptFile = script };

        // A bare client with the token set once: the figure is the service's answer, not the client's pipeline.
        using var direct = new HttpClient { BaseAddress = reservation };
        direct.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var paid = 0L;
        var pay = new Step("pay", async (_, cancellation) =>
        {
            var number = numbers[(int)(Interlocked.Increment(ref paid) % numbers.Count)];
            using var response = await direct.PostAsync($"api/v1/reservations/{number}/pay", content: null, cancellation);
            return HttpOutcome.Of(response);
        });

        log("Stopping payment; the circuit opens on the first failures…");
        await system.AppHost.CommandAsync("payment", "stop", cancellationToken);
        try
        {
            // A short run opens the circuit; the measured ones see only the open circuit's fallback.
            await Wrk.RunAsync(reservation, payOptions with { Duration = TimeSpan.FromSeconds(3) }, cancellationToken);
            var atRate = await new LoadRunner(direct).RunAsync(
                new RunDefinition("fallback", new OpenModel(rate, rate, options.Duration, LoadModel.DefaultMaxInFlight), [pay]), stop: cancellationToken);
            var saturated = await Wrk.RunAsync(reservation, payOptions, cancellationToken);
            return new CircuitOpen(rate, atRate.Total, saturated);
        }
        finally
        {
            File.Delete(script);
            await system.AppHost.CommandAsync("payment", "start", CancellationToken.None);
        }
    }

    /// <summary>Resident memory (VmRSS) of every replica of every service, read from /proc after the run.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ResidentMemoryAsync(CancellationToken cancellationToken)
    {
        using var resources = JsonDocument.Parse(await system.AppHostHttp.GetStringAsync("api/resources", cancellationToken));
        var memory = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var resource in resources.RootElement.EnumerateArray().Where(resource => resource.GetProperty("kind").GetString() == "Project"))
        {
            foreach (var replica in resource.GetProperty("replicas").EnumerateArray())
            {
                if (replica.GetProperty("processId").ValueKind == JsonValueKind.Number && ResidentBytes(replica.GetProperty("processId").GetInt32()) is { } bytes)
                {
                    memory[replica.GetProperty("name").GetString()!] = bytes;
                }
            }
        }

        return memory;
    }

    private static long? ResidentBytes(int processId)
    {
        var status = $"/proc/{processId}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
        // "VmRSS:    123456 kB"
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private const int WrkThreads = 2;

    private WrkOptions Options(int connections) => new() { Threads = WrkThreads, Connections = connections, Duration = options.Duration };

    private static IReadOnlyDictionary<string, string> Bearer(string token) => new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
}

/// <summary>Event lag from commit to the read model's push, at an offered rate.</summary>
internal sealed record EventLag(int Reservations, int Missing, double AchievedRate, TimeSpan P50, TimeSpan P99);

/// <summary>The fallback's answers at a fixed <paramref name="Rate"/>, and as many as wrk could get.</summary>
internal sealed record CircuitOpen(double Rate, StepSummary AtRate, WrkResult Saturated)
{
    public override string ToString() =>
        $"at {Rate:0}/s: {AtRate.Requests} answers ({AtRate.Fallback} fallbacks), p50 {AtRate.Latency?.P50:0.00} ms, p99 {AtRate.Latency?.P99:0.00} ms; saturated: {Saturated}";
}
