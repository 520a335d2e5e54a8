using System.Net;
using System.Net.Http.Json;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Faults;

/// <summary>
/// Faults 1–3 of issue 5, on the way out: reservation is killed (SIGKILL, by an armed crash point) before its commit,
/// between its commit and the publication, and between the publication and marking the outbox row sent.
/// </summary>
public sealed class PublishingFaultTests(ReliabilitySystem system, ReliabilityLedger ledger, ITestOutputHelper output)
    : ReliabilityTests(system, ledger, output)
{
    private const string Placed = "ReservationPlacedIntegrationEvent";

    [Fact]
    public async Task A_reservation_committed_by_a_process_killed_before_publishing_is_published_once_after_the_restart()
    {
        var probe = await Running.ProbeAsync();
        var (room, checkIn) = await RoomKnownToReservationAsync();
        var customer = new BookingClient(Running);

        var number = await ReserveThroughCrashAsync(CrashPoint.AfterCommit, room, checkIn, customer);

        // The row was committed before the crash: the customer's reservation exists, and is published after the restart.
        Assert.NotNull(number);
        var effects = await WaitForEffectsAsync(probe, number, publications: 1);
        Record(effects, requests: 1);
        Assert.Equal(new BookingEffects(Publications: 1, DistinctEvents: 1, Notices: 1, RoomRecords: 1), effects);
    }

    [Fact]
    public async Task A_process_killed_before_its_commit_leaves_no_reservation_and_no_event()
    {
        var probe = await Running.ProbeAsync();
        var (room, checkIn) = await RoomKnownToReservationAsync();
        var customer = new BookingClient(Running);

        var number = await ReserveThroughCrashAsync(CrashPoint.BeforeCommit, room, checkIn, customer);

        Assert.Null(number);
        var events = (await probe.ReadTopicAsync("reservation-events"))
            .Count(message => message.Json.TryGetProperty("customerId", out var customerId) && customerId.GetString() == customer.Customer);
        var notices = await probe.CountAsync("notificationdb", "SELECT count(*) FROM notices WHERE customer_id = $1", customer.Customer);
        Assert.Equal(0, events);
        Assert.Equal(0, notices);

        // No phantom hold either: the same nights can be reserved now.
        using var again = await customer.Gateway.PostAsJsonAsync("/api/v1/reservations",
            new { customerId = customer.Customer, roomNumber = room, checkIn, checkOut = checkIn.AddDays(2) });
        Ledger.RequestsSent(1, (int)again.StatusCode >= 500 ? 1 : 0);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task A_publication_repeated_by_a_process_killed_before_marking_it_sent_has_no_second_effect()
    {
        var probe = await Running.ProbeAsync();
        var (room, checkIn) = await RoomKnownToReservationAsync();
        var customer = new BookingClient(Running);

        var number = await ReserveThroughCrashAsync(CrashPoint.AfterPublish, room, checkIn, customer);

        // The relay delivered the event, died, and delivered it again after the restart: two copies, one event id.
        Assert.NotNull(number);
        var effects = await WaitForEffectsAsync(probe, number, publications: 2);
        Record(effects, requests: 1);
        Assert.Equal(new BookingEffects(Publications: 2, DistinctEvents: 1, Notices: 1, RoomRecords: 1), effects);
    }

    /// <summary>A new room, and a first reservation of it that proves reservation's catalog knows it.</summary>
    private async Task<(string Room, DateOnly CheckIn)> RoomKnownToReservationAsync()
    {
        var room = await Client.RegisterRoomAsync(90_000m);
        var today = BookingClient.Today();
        await Client.ReserveAsync(room, today.AddDays(1), today.AddDays(2));
        return (room, today.AddDays(10));
    }

    /// <summary>
    /// Arms the crash point, reserves for a customer with no reservation yet, waits until reservation crashed there and
    /// a new process serves; returns the number of the reservation the customer has now (null when none).
    /// </summary>
    private async Task<string?> ReserveThroughCrashAsync(string point, string room, DateOnly checkIn, BookingClient customer)
    {
        var crashPoint = Running.CrashPoint("reservation", point);
        var before = await Replicas.ProcessIdsAsync(Resources, "reservation");
        await UntilReservationsOutboxIsSentAsync();
        crashPoint.Arm();
        Ledger.FaultInjected();
        try
        {
            // The answer depends on when the process dies (201, or 502 from the AppHost's balancer); the database tells what happened.
            using var response = await customer.Gateway.PostAsJsonAsync("/api/v1/reservations",
                new { customerId = customer.Customer, roomNumber = room, checkIn, checkOut = checkIn.AddDays(2) });
            TestOutput.WriteLine($"reserve through {point}: {(int)response.StatusCode}");
            await crashPoint.WaitUntilFiredAsync(1, TimeSpan.FromSeconds(30));
        }
        finally
        {
            crashPoint.Disarm();
        }

        await Replicas.WaitUntilReplacedAsync(Running.AppHostApi, "reservation", before);
        var made = await ReservationNumbersOfAsync(customer.Customer);
        Assert.True(made.Count <= 1, $"One request made {made.Count} reservations.");
        return made.SingleOrDefault();
    }

    /// <summary>Earlier events still on their way would reach an armed relay crash point before this test's event does.</summary>
    private async Task UntilReservationsOutboxIsSentAsync()
    {
        var probe = await Running.ProbeAsync();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await probe.CountAsync("reservationdb", "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") > 0)
        {
            Assert.True(DateTime.UtcNow < until, "reservation's outbox did not empty within 30 s.");
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<string>> ReservationNumbersOfAsync(string customerId)
    {
        var probe = await Running.ProbeAsync();
        var rows = await probe.QueryAsync("reservationdb", "SELECT number FROM reservations WHERE customer_id = $1", customerId);
        return [.. rows.Select(row => (string)row["number"]!)];
    }

    /// <summary>Waits for the expected publications and every consumer's effect, then a settle time in which a duplicate would show.</summary>
    private static async Task<BookingEffects> WaitForEffectsAsync(SystemProbe probe, string number, int publications)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var effects = await BookingEffects.ReadAsync(probe, number, Placed);
        while (DateTime.UtcNow < until && (effects.Publications < publications || effects.Notices == 0 || effects.RoomRecords == 0))
        {
            await Task.Delay(500);
            effects = await BookingEffects.ReadAsync(probe, number, Placed);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        return await BookingEffects.ReadAsync(probe, number, Placed);
    }

    private void Record(BookingEffects effects, int requests)
    {
        Ledger.RequestsSent(requests, serverErrors: 0);
        Ledger.Effects(effects.Lost, effects.Duplicated);
    }
}
