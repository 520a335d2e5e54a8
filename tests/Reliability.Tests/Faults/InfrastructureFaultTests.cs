using System.Diagnostics;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Faults;

/// <summary>
/// Faults 6, 7, 11 and 12 of issue 5: the broker, PostgreSQL, Redis and the read model's consumers go away while
/// customers keep booking, through the AppHost API exactly as an operator would stop them.
/// </summary>
public sealed class InfrastructureFaultTests(ReliabilitySystem system, ReliabilityLedger ledger, ITestOutputHelper output)
    : ReliabilityTests(system, ledger, output)
{
    private static readonly TimeSpan BrokerOutage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(3);

    /// <summary>How long the load runs before each fault, so that the fault meets requests and events in flight.</summary>
    private static readonly TimeSpan LoadBeforeFault = TimeSpan.FromSeconds(3);

    /// <summary>How long the load goes on after the fault ends: the requests that show the services recovered by themselves.</summary>
    private static readonly TimeSpan LoadAfterRecovery = TimeSpan.FromSeconds(5);

    /// <summary>How long PostgreSQL and Redis stay stopped in their restart: long enough that requests and consumers hit the gap.</summary>
    private static readonly TimeSpan InfrastructureOutage = TimeSpan.FromSeconds(5);

    /// <summary>"Down for minutes": two by default; RELIABILITY_READ_MODEL_OUTAGE (e.g. 00:10:00) makes it longer.</summary>
    private static readonly TimeSpan ReadModelOutage =
        TimeSpan.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_READ_MODEL_OUTAGE"), System.Globalization.CultureInfo.InvariantCulture, out var outage)
            ? outage
            : TimeSpan.FromMinutes(2);

    [Fact]
    public async Task With_the_broker_down_for_30_seconds_reservations_are_still_taken_and_every_event_flows_afterwards_in_key_order()
    {
        var probe = await Running.ProbeAsync();
        var load = await BookingLoad.StartAsync(Running, workers: 3, cancelEveryOther: true, pause: TimeSpan.FromMilliseconds(300));
        await Task.Delay(LoadBeforeFault);

        await Resources.CommandAsync("kafka", "stop");
        Ledger.FaultInjected();
        var down = DateTimeOffset.UtcNow;
        await Task.Delay(BrokerOutage);
        var up = DateTimeOffset.UtcNow;
        await Resources.CommandAsync("kafka", "start");
        await Task.Delay(LoadAfterRecovery);
        await load.StopAsync();

        var duringOutage = load.Acknowledged.Count(booking => booking.At > down && booking.At < up);
        TestOutput.WriteLine($"broker down {BrokerOutage.TotalSeconds} s: {load.Sent} requests ({load.StatusCounts}), {duringOutage} reservations taken while it was down");
        var drain = Stopwatch.StartNew();
        var (outOfOrder, lostEvents, duplicatedEvents) = await AcknowledgedBookings.PublishedAsync(probe, load.Acknowledged, DrainTimeout);
        var (lostNotices, duplicatedNotices) = await AcknowledgedBookings.NoticesAsync(probe, load.Acknowledged, DrainTimeout);
        await SourceOfTruth.WaitUntilViewMatchesAsync(probe, Running.Gateway, DrainTimeout);
        TestOutput.WriteLine($"backlog drained into the log, notices and view in {drain.Elapsed.TotalSeconds:F1} s");
        var lost = (await AcknowledgedBookings.LostAsync(probe, load.Acknowledged)).Count + lostEvents + lostNotices;

        Ledger.RequestsSent(load.Sent, load.ServerErrors);
        Ledger.Effects(lost, duplicatedEvents + duplicatedNotices);
        Assert.True(duringOutage > 0, "No reservation was taken while the broker was down.");
        Assert.Equal(0, load.ServerErrors);
        Assert.Empty(outOfOrder);
        Assert.Equal((0, 0), (lost, duplicatedEvents + duplicatedNotices));
    }

    [Fact]
    public async Task A_read_model_down_for_minutes_replays_what_it_missed_until_it_equals_the_sources()
    {
        var probe = await Running.ProbeAsync();
        await Resources.CommandAsync("roomview", "stop");
        Ledger.FaultInjected();
        BookingLoad load;
        try
        {
            load = await BookingLoad.StartAsync(Running, workers: 2, cancelEveryOther: true, pause: TimeSpan.FromMilliseconds(200));
            await Task.Delay(ReadModelOutage);
            await load.StopAsync();
        }
        finally
        {
            await Resources.CommandAsync("roomview", "start");
        }

        var catchUp = await SourceOfTruth.WaitUntilViewMatchesAsync(probe, Running.Gateway, DrainTimeout);
        TestOutput.WriteLine($"roomview down {ReadModelOutage.TotalMinutes:F1} min while {load.Acknowledged.Count} reservations were made ({load.StatusCounts}); the view equalled the sources {catchUp.TotalSeconds:F1} s after the restart");

        var lost = await AcknowledgedBookings.LostAsync(probe, load.Acknowledged);
        Ledger.RequestsSent(load.Sent, load.ServerErrors);
        Ledger.Effects(lost.Count, duplicated: 0);
        Assert.Equal(0, load.ServerErrors);
        Assert.Empty(lost);
    }

    [Fact]
    public async Task PostgreSQL_restarted_under_load_loses_no_acknowledged_reservation_and_the_services_recover_by_themselves()
    {
        var probe = await Running.ProbeAsync();
        var processesBefore = await ServiceProcessesAsync();
        var load = await BookingLoad.StartAsync(Running, workers: 3, cancelEveryOther: true, pause: TimeSpan.FromMilliseconds(100));
        await Task.Delay(LoadBeforeFault);

        await Resources.CommandAsync("postgres", "stop");
        Ledger.FaultInjected();
        await Task.Delay(InfrastructureOutage);
        await Resources.CommandAsync("postgres", "start");
        await Resources.WaitUntilHealthyAsync("postgres");
        await Task.Delay(LoadAfterRecovery);
        await load.StopAsync();
        TestOutput.WriteLine($"PostgreSQL restarted under load: {load.Sent} requests ({load.StatusCounts})");

        // No service was restarted: each kept its processes and serves again.
        Assert.Equal(processesBefore, await ServiceProcessesAsync());
        var after = await Client.ReserveAsync(await Client.RegisterRoomAsync(50_000m), BookingClient.Today().AddDays(3), BookingClient.Today().AddDays(4));
        var lost = await AcknowledgedBookings.LostAsync(probe, [.. load.Acknowledged, new(after.GetProperty("number").GetString()!, Client.Customer, "Held", DateTimeOffset.UtcNow)]);
        await SourceOfTruth.WaitUntilViewMatchesAsync(probe, Running.Gateway, DrainTimeout);

        Ledger.RequestsSent(load.Sent, load.ServerErrors);
        Ledger.Effects(lost.Count, duplicated: 0);
        Assert.Empty(lost);
        Assert.Equal(0, load.ServerErrors);
    }

    [Fact]
    public async Task Redis_restarted_under_load_leaves_a_view_that_equals_the_sources_and_no_server_error()
    {
        var probe = await Running.ProbeAsync();
        var roomviewBefore = await Replicas.ProcessIdsAsync(Resources, "roomview");
        var load = await BookingLoad.StartAsync(Running, workers: 2, cancelEveryOther: true, pause: TimeSpan.FromMilliseconds(100));
        var reads = ReadTheViewAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(LoadBeforeFault);

        await Resources.CommandAsync("cache", "stop");
        Ledger.FaultInjected();
        await Task.Delay(InfrastructureOutage);
        await Resources.CommandAsync("cache", "start");
        await Task.Delay(LoadAfterRecovery);
        await load.StopAsync();
        var (readsSent, readServerErrors) = await reads;
        TestOutput.WriteLine($"Redis restarted under load: {load.Sent} booking requests ({load.StatusCounts}), {readsSent} view reads");

        // The view caught up by itself: same roomview processes, and it equals the sources, nothing stale served as current.
        await SourceOfTruth.WaitUntilViewMatchesAsync(probe, Running.Gateway, DrainTimeout);
        Assert.Equal(roomviewBefore, await Replicas.ProcessIdsAsync(Resources, "roomview"));
        var lost = await AcknowledgedBookings.LostAsync(probe, load.Acknowledged);

        Ledger.RequestsSent(load.Sent + readsSent, load.ServerErrors + readServerErrors);
        Ledger.Effects(lost.Count, duplicated: 0);
        Assert.Empty(lost);
        Assert.Equal((0, 0), (load.ServerErrors, readServerErrors));
    }

    [Fact]
    public async Task PostgreSQL_and_Redis_killed_with_SIGKILL_are_started_again_by_the_AppHost_and_lose_nothing_acknowledged()
    {
        var probe = await Running.ProbeAsync();
        var processesBefore = await ServiceProcessesAsync();
        var load = await BookingLoad.StartAsync(Running, workers: 2, cancelEveryOther: true, pause: TimeSpan.FromMilliseconds(100));
        await Task.Delay(LoadBeforeFault);

        // As an operator's kill -9 or the OOM killer would: no shutdown, no last save.
        Kill(Path.Combine(Running.DataDirectory, "cache", "redis.pid"));
        Kill(Path.Combine(Running.DataDirectory, "postgres", "pgdata", "postmaster.pid"));
        Ledger.FaultInjected(2);
        // Until the AppHost has noticed the deaths: the resources are not healthy again before that.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Resources.WaitUntilHealthyAsync("cache");
        await Resources.WaitUntilHealthyAsync("postgres");
        await Task.Delay(LoadAfterRecovery);
        await load.StopAsync();
        TestOutput.WriteLine($"Redis and PostgreSQL killed under load: {load.Sent} requests ({load.StatusCounts})");

        Assert.Equal(processesBefore, await ServiceProcessesAsync());
        var lost = await AcknowledgedBookings.LostAsync(probe, load.Acknowledged);
        await SourceOfTruth.WaitUntilViewMatchesAsync(probe, Running.Gateway, DrainTimeout);

        Ledger.RequestsSent(load.Sent, load.ServerErrors);
        Ledger.Effects(lost.Count, duplicated: 0);
        Assert.Empty(lost);
        Assert.Equal(0, load.ServerErrors);
    }

    private static void Kill(string pidFile)
    {
        var pid = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    private async Task<(int Sent, int ServerErrors)> ReadTheViewAsync(TimeSpan duration)
    {
        var (sent, serverErrors) = (0, 0);
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            using var response = await Running.Gateway.GetAsync(Client.MyReservations());
            sent++;
            // While Redis is away the view says so (503 with Retry-After); anything else 5xx is a server error.
            if (ServerError.Is(response))
            {
                serverErrors++;
                TestOutput.WriteLine($"view read answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(100);
        }

        return (sent, serverErrors);
    }

    private async Task<string> ServiceProcessesAsync()
    {
        var processes = new List<string>();
        foreach (var service in ReliabilitySystem.Services)
        {
            processes.Add($"{service}: {string.Join(",", (await Replicas.ProcessIdsAsync(Resources, service)).Order())}");
        }

        return string.Join("; ", processes);
    }
}
