using Accommodation.Messaging;
using Accommodation.RoomView.Api.IntegrationEvents.Events;
using Accommodation.RoomView.Api.Model;

namespace Accommodation.RoomView.Api.IntegrationEvents.EventHandling;

public sealed partial class RoomRegisteredIntegrationEventHandler(
    IRoomInfoStore roomInfos, ILogger<RoomRegisteredIntegrationEventHandler> logger)
    : IIntegrationEventHandler<RoomRegisteredIntegrationEvent>
{
    public async Task HandleAsync(RoomRegisteredIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var update = await roomInfos.ApplyAsync(
            @event.Id, new RoomInfo(@event.Number, @event.Type, @event.Name, @event.PricePerNight, @event.Version));
        LogApplied(@event.Id, @event.Number, @event.Version, update);
    }

    [LoggerMessage(LogLevel.Information, "RoomRegistered {EventId} for room {Number} v{Version}: {Update}")]
    private partial void LogApplied(Guid eventId, string number, int version, RoomInfoUpdate update);
}
