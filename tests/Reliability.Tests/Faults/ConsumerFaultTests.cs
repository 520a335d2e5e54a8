using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Faults;

/// <summary>
/// Faults 5 and 8 of issue 5, on the way in: consumers killed after their effect and before their offset is stored,
/// and consumer groups forced to rebalance (replicas added and removed) while events flow.
/// </summary>
public sealed class ConsumerFaultTests(ReliabilitySystem system, ReliabilityLedger ledger, ITestOutputHelper output)
    : ReliabilityTests(system, ledger, output)
{
    private static readonly TimeSpan EffectsTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long the load runs between two replica-count changes, and after the last.</summary>
    private static readonly TimeSpan LoadPerScaleStep = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Consumers_killed_after_handling_and_before_storing_the_offset_give_n_events_n_effects()
    {
        var probe = await Running.ProbeAsync();
        var consumers = new[] { "notification", "room" };
        var before = new Dictionary<string, IReadOnlySet<int>>();
        foreach (var consumer in consumers)
        {
            before[consumer] = await Replicas.ProcessIdsAsync(Resources, consumer);
        }

        var load = await BookingLoad.StartAsync(Running, workers: 2, cancelEveryOther: false, pause: TimeSpan.FromMilliseconds(50));
        var crashPoints = consumers.Select(consumer => Running.CrashPoint(consumer, CrashPoint.AfterHandle)).ToList();
        crashPoints.ForEach(crashPoint => crashPoint.Arm());
        Ledger.FaultInjected(crashPoints.Count);
        try
        {
            foreach (var crashPoint in crashPoints)
            {
                await crashPoint.WaitUntilFiredAsync(1, TimeSpan.FromSeconds(60));
            }
        }
        finally
        {
            crashPoints.ForEach(crashPoint => crashPoint.Disarm());
            // A little load after the crashes: events the restarted consumers take up from their last stored offset.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await load.StopAsync();
        }

        foreach (var consumer in consumers)
        {
            await Replicas.WaitUntilReplacedAsync(Running.AppHostApi, consumer, before[consumer]);
        }

        var bookings = load.Acknowledged;
        var (lostNotices, duplicatedNotices) = await AcknowledgedBookings.NoticesAsync(probe, bookings, EffectsTimeout);
        var (lostRoomRecords, duplicatedRoomRecords) = await RoomRecordsAsync(probe, bookings);
        TestOutput.WriteLine($"{bookings.Count} reservations while notification and room each crashed once after handling: " +
            $"notices lost {lostNotices}, duplicated {duplicatedNotices}; room records lost {lostRoomRecords}, duplicated {duplicatedRoomRecords}");

        Ledger.RequestsSent(load.Sent, load.ServerErrors);
        Ledger.Effects(lostNotices + lostRoomRecords, duplicatedNotices + duplicatedRoomRecords);
        Assert.Equal((0, 0), (lostNotices, duplicatedNotices));
        Assert.Equal((0, 0), (lostRoomRecords, duplicatedRoomRecords));
    }

    [Fact]
    public async Task Consumer_groups_rebalanced_under_load_give_every_event_its_effect_once()
    {
        var probe = await Running.ProbeAsync();
        var deadLettersBefore = (await probe.ReadTopicAsync("reservation-events.dlt")).Count;
        var load = await BookingLoad.StartAsync(Running, workers: 3, cancelEveryOther: true, pause: TimeSpan.FromMilliseconds(100));
        try
        {
            // Each change of the replica count makes its consumer group rebalance while events keep arriving.
            foreach (var (service, replicas) in new[] { ("notification", 3), ("roomview", 3), ("notification", 2), ("roomview", 2) })
            {
                await Task.Delay(LoadPerScaleStep);
                await Resources.CommandAsync(service, $"scale?replicas={replicas}");
                Ledger.FaultInjected();
            }

            await Task.Delay(LoadPerScaleStep);
        }
        finally
        {
            await load.StopAsync();
        }

        var bookings = load.Acknowledged;
        var (lostNotices, duplicatedNotices) = await AcknowledgedBookings.NoticesAsync(probe, bookings, EffectsTimeout);
        await SourceOfTruth.WaitUntilViewMatchesAsync(probe, Running.Gateway, EffectsTimeout);
        var deadLettered = (await probe.ReadTopicAsync("reservation-events.dlt")).Count - deadLettersBefore;
        TestOutput.WriteLine($"{bookings.Count} reservations ({load.StatusCounts}) through four rebalances: notices lost {lostNotices}, duplicated {duplicatedNotices}, dead-lettered {deadLettered}");

        Ledger.RequestsSent(load.Sent, load.ServerErrors);
        Ledger.Effects(lostNotices, duplicatedNotices);
        Assert.Equal((0, 0), (lostNotices, duplicatedNotices));
        Assert.Equal(0, deadLettered);
        Assert.Equal(0, load.ServerErrors);
    }

    /// <summary>Room keeps one record per reservation it heard of: (lost, duplicated) against the bookings.</summary>
    private static async Task<(int Lost, int Duplicated)> RoomRecordsAsync(SystemProbe probe, IReadOnlyList<BookingLoad.Booking> bookings)
    {
        var numbers = bookings.Select(booking => booking.Number).ToArray();
        var until = DateTime.UtcNow + EffectsTimeout;
        while (true)
        {
            var counts = (await probe.QueryAsync("roomdb",
                    "SELECT reservation_number, count(*) AS records FROM room_reservations WHERE reservation_number = ANY($1) GROUP BY reservation_number", (object)numbers))
                .ToDictionary(row => (string)row["reservation_number"]!, row => Convert.ToInt32(row["records"], System.Globalization.CultureInfo.InvariantCulture));
            var lost = numbers.Count(number => !counts.ContainsKey(number));
            if (lost == 0 || DateTime.UtcNow > until)
            {
                return (lost, counts.Values.Sum(count => count - 1));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
