using Accommodation.RoomView.Api.Infrastructure;
using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>The versioned upsert script against a real Redis, without Kafka in between.</summary>
[Collection(nameof(RoomViewCollection))]
public sealed class RedisRoomInfoStoreTests(RoomViewFactory factory) : IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;
    private RedisRoomInfoStore _store = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(factory.RedisConnectionString);
        _store = new RedisRoomInfoStore(_redis);
    }

    [Fact]
    public async Task Each_event_applies_once_and_never_moves_a_room_back_to_an_older_version()
    {
        var number = RoomInfoPolling.NewRoomNumber();
        var v1 = new RoomInfo(number, "Deluxe", "v1", 1m, 1);
        var v2 = v1 with { Name = "v2", Version = 2 };
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(RoomInfoUpdate.Applied, await _store.ApplyAsync(first, v2));
        Assert.Equal(RoomInfoUpdate.Duplicate, await _store.ApplyAsync(first, v2));
        Assert.Equal(RoomInfoUpdate.Stale, await _store.ApplyAsync(second, v1));
        Assert.Equal(RoomInfoUpdate.Stale, await _store.ApplyAsync(third, v2 with { Name = "same version, other event" }));

        Assert.Equal(v2, await _store.FindAsync(number));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_many_versions_end_at_the_highest()
    {
        var number = RoomInfoPolling.NewRoomNumber();
        var versions = Enumerable.Range(1, 50)
            .Select(version => (EventId: Guid.NewGuid(), RoomInfo: new RoomInfo(number, "Standard", $"v{version}", version, version)))
            .ToList();

        // Every event delivered twice, all at once, in no particular order.
        var updates = await Task.WhenAll(versions.Concat(versions).Select(delivery =>
            Task.Run(() => _store.ApplyAsync(delivery.EventId, delivery.RoomInfo))));

        Assert.Equal(versions.Count, updates.Count(update => update == RoomInfoUpdate.Duplicate));
        Assert.Equal(versions[^1].RoomInfo, await _store.FindAsync(number));
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();
}
