using Accommodation.RoomView.Api.IntegrationEvents.EventHandling;
using Accommodation.RoomView.Api.IntegrationEvents.Events;
using Accommodation.RoomView.Api.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace Accommodation.RoomView.Tests.IntegrationEvents;

public sealed class RoomEventHandlerTests
{
    private readonly RecordingRoomInfoStore _store = new();

    [Fact]
    public async Task RoomRegistered_is_applied_as_the_room_state_under_the_event_id()
    {
        var registered = new RoomRegisteredIntegrationEvent("101", "Deluxe", "Ocean view", 120_000m, 1);

        await new RoomRegisteredIntegrationEventHandler(_store, NullLogger<RoomRegisteredIntegrationEventHandler>.Instance)
            .HandleAsync(registered, CancellationToken.None);

        Assert.Equal((registered.Id, new RoomInfo("101", "Deluxe", "Ocean view", 120_000m, 1)), Assert.Single(_store.Applied));
    }

    [Fact]
    public async Task RoomChanged_is_applied_as_the_room_state_under_the_event_id()
    {
        var changed = new RoomChangedIntegrationEvent("101", "Deluxe", "Renamed", 99_000m, 2);

        await new RoomChangedIntegrationEventHandler(_store, NullLogger<RoomChangedIntegrationEventHandler>.Instance)
            .HandleAsync(changed, CancellationToken.None);

        Assert.Equal((changed.Id, new RoomInfo("101", "Deluxe", "Renamed", 99_000m, 2)), Assert.Single(_store.Applied));
    }

    private sealed class RecordingRoomInfoStore : IRoomInfoStore
    {
        public List<(Guid EventId, RoomInfo RoomInfo)> Applied { get; } = [];

        public Task<RoomInfoUpdate> ApplyAsync(Guid eventId, RoomInfo roomInfo)
        {
            Applied.Add((eventId, roomInfo));
            return Task.FromResult(RoomInfoUpdate.Applied);
        }

        public Task<RoomInfo?> FindAsync(string number) => throw new NotSupportedException();

        public Task<IReadOnlyList<RoomInfo>> ListAsync() => throw new NotSupportedException();
    }
}
