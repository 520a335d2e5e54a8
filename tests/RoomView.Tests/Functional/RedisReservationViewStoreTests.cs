using Accommodation.RoomView.Api.Infrastructure;
using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>The versioned scripts against a real Redis, without Kafka in between.</summary>
[Collection(nameof(RoomViewCollection))]
public sealed class RedisReservationViewStoreTests(RoomViewFactory factory) : IAsyncLifetime
{
    private static readonly DateOnly CheckIn = new(2031, 9, 1);

    private ConnectionMultiplexer _redis = null!;
    private RedisReservationViewStore _store = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(factory.RedisConnectionString);
        _store = new RedisReservationViewStore(_redis);
    }

    private static ReservationSnapshot NewReservation(string room) =>
        new($"R-{Guid.NewGuid():N}"[..17], ReservationState.NewCustomerId(), room, CheckIn, CheckIn.AddDays(3), 300_000m, "Held", 1);

    [Fact]
    public async Task Each_event_applies_once_and_never_moves_a_reservation_back_to_an_older_version()
    {
        var room = RoomInfoPolling.NewRoomNumber();
        var held = NewReservation(room);
        var cancelled = held with { Status = "Cancelled", Version = 3 };
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(ViewUpdate.Applied, await _store.ApplyAsync(first, cancelled));
        Assert.Equal(ViewUpdate.Duplicate, await _store.ApplyAsync(first, cancelled));
        Assert.Equal(ViewUpdate.Stale, await _store.ApplyAsync(second, held with { Status = "Confirmed", Version = 2 }));
        Assert.Equal(ViewUpdate.Stale, await _store.ApplyAsync(third, held));

        var stored = await _store.FindAsync(held.ReservationNumber);
        Assert.Equal(("Cancelled", 3), (stored!.Status, stored.Version));
        Assert.Empty(await _store.HeldNightsAsync(room, CheckIn, CheckIn.AddDays(3)));
    }

    [Theory]
    [InlineData("Confirmed", 3)]
    [InlineData("Cancelled", 0)]
    public async Task Concurrent_deliveries_of_many_versions_end_at_the_highest_with_its_nights(string lastStatus, int heldNights)
    {
        var room = RoomInfoPolling.NewRoomNumber();
        var reservation = NewReservation(room);
        var versions = Enumerable.Range(1, 40)
            .Select(version => (EventId: Guid.NewGuid(), Snapshot: reservation with
            {
                Status = version == 40 ? lastStatus : version % 2 == 0 ? "Confirmed" : "Cancelled",
                Version = version,
            }))
            .ToList();

        // Every event delivered twice, all at once, in no particular order.
        var updates = await Task.WhenAll(versions.Concat(versions).Select(delivery =>
            Task.Run(() => _store.ApplyAsync(delivery.EventId, delivery.Snapshot))));

        Assert.Equal(versions.Count, updates.Count(update => update == ViewUpdate.Duplicate));
        Assert.Equal((lastStatus, 40), ((await _store.FindAsync(reservation.ReservationNumber))!.Status, (await _store.FindAsync(reservation.ReservationNumber))!.Version));
        Assert.Equal(heldNights, (await _store.HeldNightsAsync(room, CheckIn, CheckIn.AddDays(3))).Count);
        Assert.Equal(heldNights, await _redis.GetDatabase().SortedSetLengthAsync($"availability:{room}"));
    }

    [Fact]
    public async Task A_payment_that_arrives_first_waits_unseen_and_a_refund_outranks_the_approval()
    {
        var reservation = NewReservation(RoomInfoPolling.NewRoomNumber());
        var paymentId = Guid.NewGuid();
        var refunded = new PaymentSnapshot(reservation.ReservationNumber, reservation.CustomerId, paymentId, PaymentSnapshot.Refunded,
            300_000m, 150_000m, 0.5m, DateTimeOffset.UtcNow);
        var approved = refunded with { Status = PaymentSnapshot.Approved, RefundedAmount = null, RefundRate = null };

        Assert.Equal(ViewUpdate.Applied, await _store.ApplyAsync(Guid.NewGuid(), refunded));
        Assert.Null(await _store.FindAsync(reservation.ReservationNumber));
        Assert.Equal(ViewUpdate.Stale, await _store.ApplyAsync(Guid.NewGuid(), approved));
        await _store.ApplyAsync(Guid.NewGuid(), reservation);

        var stored = await _store.FindAsync(reservation.ReservationNumber);
        Assert.Equal(new ReservationPayment(paymentId, "Refunded", 300_000m, 150_000m, 0.5m, refunded.At), stored!.Payment);
    }

    [Fact]
    public async Task A_watcher_hears_of_each_applied_change_to_its_customers_reservations_only()
    {
        var reservation = NewReservation(RoomInfoPolling.NewRoomNumber());
        await using var changes = await _store.WatchAsync(reservation.CustomerId);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await _store.ApplyAsync(Guid.NewGuid(), NewReservation("X-1"));
        await _store.ApplyAsync(Guid.NewGuid(), reservation);

        await using var heard = changes.ReadAllAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
        Assert.True(await heard.MoveNextAsync());
        Assert.Equal(reservation.ReservationNumber, heard.Current);
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
