using Accommodation.LoadTests.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoadTests.Tests;

public sealed class LoadRunnerTests
{
    private static Step Get(string path) => new("get", (step, cancellationToken) => HttpOutcome.GetAsync(step.Http, path, cancellationToken));

    [Fact]
    public async Task Closed_model_records_every_request_and_never_has_more_than_its_users_in_flight()
    {
        var received = 0;
        var inFlight = 0;
        var mostInFlight = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/work", async () =>
        {
            Interlocked.Increment(ref received);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            await Task.Delay(20);
            Interlocked.Decrement(ref inFlight);
            return Results.Ok();
        }));
        using var http = server.CreateClient();

        var result = await new LoadRunner(http).RunAsync(
            new RunDefinition("closed", LoadModel.Closed(4, TimeSpan.FromSeconds(1.5)), [Get("work")]));

        Assert.Equal(received, result.Total.Requests);
        Assert.True(result.Total.Requests > 4, $"each user loops: {result.Total.Requests} requests");
        Assert.Equal(result.Total.Requests, result.Total.Ok);
        Assert.Equal(0, result.Total.Fallback + result.Total.Fail);
        Assert.Equal(result.Total.Requests, result.Intervals.Sum(interval => interval.Requests));
        Assert.Equal(result.Total.Requests, result.Total.Statuses["200"]);
        Assert.Equal(result.Total.Requests, Assert.Single(result.Steps).Requests);
        Assert.InRange(mostInFlight, 2, 4);
        Assert.InRange(result.PeakInFlight, 2, 4);
        Assert.NotNull(result.Total.Latency);
        Assert.All(result.Intervals, interval => Assert.Null(interval.OfferedRate));
    }

    [Fact]
    public async Task Open_model_sends_about_rate_times_duration()
    {
        var received = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () =>
        {
            Interlocked.Increment(ref received);
            return Results.Ok();
        }));
        using var http = server.CreateClient();

        var result = await new LoadRunner(http).RunAsync(new RunDefinition("open", LoadModel.Open(50, TimeSpan.FromSeconds(2)), [Get("")]));

        Assert.InRange(result.Total.Requests, 75, 125);
        Assert.Equal(received, result.Total.Requests);
        Assert.Equal(result.Total.Requests, result.Total.Ok);
        Assert.Equal(2, result.Intervals.Count);
        Assert.All(result.Intervals, interval => Assert.Equal(50, interval.OfferedRate));
    }

    [Fact]
    public async Task Open_model_counts_latency_from_when_a_request_was_due_so_a_stalled_server_shows_the_wait()
    {
        // The tenth request stalls the server for 500 ms: everything due meanwhile waits until the stall ends.
        var received = 0;
        var stallEnds = 0L;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", async () =>
        {
            if (Interlocked.Increment(ref received) == 10)
            {
                Interlocked.Exchange(ref stallEnds, Environment.TickCount64 + 500);
            }

            var wait = Interlocked.Read(ref stallEnds) - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            return Results.Ok();
        }));
        using var http = server.CreateClient();

        var result = await new LoadRunner(http).RunAsync(new RunDefinition("stall", LoadModel.Open(40, TimeSpan.FromSeconds(2)), [Get("")]));

        // About 20 of 80 requests fall in the stall, waiting from 500 ms down to 0: well over 5 % wait 200 ms or more.
        var latency = Assert.IsType<Accommodation.LoadTests.Reporting.LatencySummary>(result.Total.Latency);
        Assert.True(latency.Max >= 400, $"max {latency.Max} ms");
        Assert.True(latency.P95 >= 200, $"p95 {latency.P95} ms");
        Assert.Equal(result.Total.Requests, result.Total.Ok);
    }

    [Fact]
    public async Task Open_model_counts_latency_from_when_a_request_was_due_even_when_the_client_itself_was_held_up()
    {
        // The server answers at once; it is the client that stops for 500 ms (as in a long GC pause). Requests due
        // meanwhile go out late, and measured from when they were due, they show it (no coordinated omission).
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Ok()));
        using var http = server.CreateClient();
        var step = new Step("get", (context, cancellationToken) =>
        {
            if (context.Iteration == 5)
            {
                Thread.Sleep(500);
            }

            return HttpOutcome.GetAsync(context.Http, "", cancellationToken);
        });

        var result = await new LoadRunner(http).RunAsync(new RunDefinition("pause", LoadModel.Open(40, TimeSpan.FromSeconds(2)), [step]));

        var latency = Assert.IsType<Accommodation.LoadTests.Reporting.LatencySummary>(result.Total.Latency);
        Assert.True(latency.P95 >= 200, $"p95 {latency.P95} ms: the requests due during the pause must show their wait");
    }

    [Fact]
    public async Task Open_model_does_not_send_past_its_cap_and_counts_those_requests_as_overloaded()
    {
        var received = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", async () =>
        {
            Interlocked.Increment(ref received);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            return Results.Ok();
        }));
        using var http = server.CreateClient();

        var result = await new LoadRunner(http).RunAsync(
            new RunDefinition("capped", LoadModel.Open(50, TimeSpan.FromSeconds(1), maxInFlight: 5), [Get("")]));

        Assert.Equal(5, received);
        Assert.Equal(5, result.PeakInFlight);
        Assert.Equal(5, result.Total.Statuses["200"]);
        Assert.Equal(result.Total.Requests - 5, result.Total.Statuses[StepOutcome.Overloaded]);
        Assert.Equal(result.Total.Requests - 5, result.Total.Fail);
        Assert.InRange(result.Total.Requests, 38, 62);
    }

    [Fact]
    public async Task A_request_unanswered_within_the_timeout_fails_as_a_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", async (CancellationToken cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            return Results.Ok();
        }));
        using var http = server.CreateClient();

        var result = await new LoadRunner(http).RunAsync(new RunDefinition("slow", LoadModel.Closed(2, TimeSpan.FromSeconds(1)), [Get("")])
        {
            RequestTimeout = TimeSpan.FromMilliseconds(200),
        });

        Assert.True(result.Total.Requests >= 2);
        Assert.Equal(result.Total.Requests, result.Total.Statuses[StepOutcome.Timeout]);
        Assert.Equal(result.Total.Requests, result.Total.Fail);
        Assert.Contains(StepOutcome.Timeout, result.Errors.Keys);
    }

    [Fact]
    public async Task Gauges_are_polled_about_once_a_second_while_the_run_goes_on()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Ok()));
        using var http = server.CreateClient();
        var polls = 0;

        var result = await new LoadRunner(http).RunAsync(new RunDefinition("gauged", LoadModel.Open(10, TimeSpan.FromSeconds(2.2)), [Get("")])
        {
            Gauges = [new Gauge("polls", () => Task.FromResult((double)Interlocked.Increment(ref polls)))],
        });

        var series = Assert.Single(result.Gauges);
        Assert.Equal("polls", series.Name);
        Assert.InRange(series.Samples.Count, 3, 5);
        Assert.Equal(series.Samples.OrderBy(sample => sample.Second), series.Samples);
        Assert.Equal([.. Enumerable.Range(1, series.Samples.Count).Select(value => (double)value)], series.Samples.Select(sample => sample.Value));
    }

    [Fact]
    public async Task A_step_can_run_or_not_by_user_so_each_user_takes_its_steps_in_turn()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Ok()));
        using var http = server.CreateClient();
        var reserved = new bool[3];
        var sequences = Enumerable.Range(0, 3).Select(_ => new System.Collections.Concurrent.ConcurrentQueue<string>()).ToArray();
        Step Turn(string name, bool whenReserved) => new(name, async (step, cancellationToken) =>
        {
            sequences[step.User].Enqueue(name);
            reserved[step.User] = !whenReserved;
            return await HttpOutcome.GetAsync(step.Http, "", cancellationToken);
        })
        {
            When = step => reserved[step.User] == whenReserved,
        };

        var result = await new LoadRunner(http).RunAsync(
            new RunDefinition("in turn", LoadModel.Closed(3, TimeSpan.FromMilliseconds(500)), [Turn("reserve", false), Turn("pay", true)]));

        Assert.All(sequences, sequence =>
        {
            Assert.True(sequence.Count >= 2, $"{sequence.Count} steps");
            Assert.All(sequence.Select((name, index) => (name, index)), step => Assert.Equal(step.index % 2 == 0 ? "reserve" : "pay", step.name));
        });
        Assert.InRange(result.Steps[0].Requests - result.Steps[1].Requests, 0, 3);
    }

    [Fact]
    public async Task Users_who_think_between_requests_send_fewer_of_them_whatever_the_answers_take()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.StatusCode(503)));
        using var http = server.CreateClient();
        using (await http.GetAsync(""))
        {
            // Warm: the first request of a fresh server is slow.
        }

        var result = await new LoadRunner(http).RunAsync(
            new RunDefinition("thinking", LoadModel.Closed(2, TimeSpan.FromSeconds(1), thinkTime: TimeSpan.FromMilliseconds(200)), [Get("")]));

        // Two users pausing 100 ms on average: about 20 requests in a second, however fast the 503s come back (without
        // pauses, hundreds).
        Assert.InRange(result.Total.Requests, 2, 40);
        Assert.Equal(result.Total.Requests, result.Total.Fail);
        Assert.Equal("closed: 2 users for 1 s, each pausing up to 200 ms between requests", result.LoadModel);
    }

    [Fact]
    public async Task A_user_waits_the_backoff_its_step_asks_for_and_the_wait_is_not_latency()
    {
        using var http = new HttpClient();
        // No HTTP: an exception from a loaded machine's socket would end the step without its backoff.
        var backoff = TimeSpan.FromSeconds(3);
        var backingOff = new Step("busy", async (_, _) =>
        {
            await Task.Yield();
            return StepOutcome.Fallback(503) with { Backoff = backoff };
        });

        var result = await new LoadRunner(http).RunAsync(new RunDefinition("backing off", LoadModel.Closed(1, TimeSpan.FromSeconds(4)), [backingOff]));

        // One step at 0 s and one at 3 s: without the wait, millions; a user carrying on when its wait was cut short by
        // the run's end, a burst in the last millisecond (it was 152 once). A wait counted as latency would show here too.
        Assert.InRange(result.Total.Requests, 1, 2);
        Assert.True(result.Total.Latency!.Max < backoff.TotalMilliseconds, $"max latency {result.Total.Latency.Max} ms");
    }

    [Fact]
    public async Task Steps_are_picked_by_weight_and_only_when_they_can_run()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Ok()));
        using var http = server.CreateClient();
        Step[] steps =
        [
            Get("") with { Weight = 3 },
            new Step("rare", (step, cancellationToken) => HttpOutcome.GetAsync(step.Http, "", cancellationToken)) { Weight = 1 },
            new Step("never", (step, cancellationToken) => HttpOutcome.GetAsync(step.Http, "", cancellationToken)) { When = _ => false },
        ];

        var result = await new LoadRunner(http).RunAsync(new RunDefinition("weighted", LoadModel.Open(200, TimeSpan.FromSeconds(1)), steps));

        var counts = result.Steps.ToDictionary(step => step.Step, step => step.Requests);
        Assert.Equal(0, counts["never"]);
        Assert.True(counts["get"] > counts["rare"], $"get {counts["get"]}, rare {counts["rare"]}");
        Assert.Equal(result.Total.Requests, counts["get"] + counts["rare"]);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            Interlocked.CompareExchange(ref target, value, current);
        }
    }
}
