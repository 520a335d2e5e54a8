using Accommodation.Messaging;
using Accommodation.RoomView.Api.IntegrationEvents.Events;
using Accommodation.RoomView.Api.Model;

namespace Accommodation.RoomView.Api.IntegrationEvents.EventHandling;

/// <summary>Every reservation event carries the whole snapshot, so one handler keeps the view for all five.</summary>
public sealed partial class ReservationIntegrationEventHandler<TEvent>(
    IReservationViewStore reservations, ILogger<ReservationIntegrationEventHandler<TEvent>> logger)
    : IIntegrationEventHandler<TEvent>
    where TEvent : ReservationIntegrationEvent
{
    public async Task HandleAsync(TEvent @event, CancellationToken cancellationToken)
    {
        var snapshot = @event.ToSnapshot();
        if (snapshot.Problem() is { } problem)
        {
            // Retrying cannot fix the payload: the consumer sends it to the dead-letter topic.
            throw new InvalidOperationException($"{typeof(TEvent).Name} {@event.Id} for reservation {snapshot.ReservationNumber}: {problem}");
        }

        var update = await reservations.ApplyAsync(@event.Id, snapshot);
        LogApplied(typeof(TEvent).Name, @event.Id, snapshot.ReservationNumber, snapshot.Version, snapshot.Status, update);
    }

    [LoggerMessage(LogLevel.Information, "{EventType} {EventId} for reservation {ReservationNumber} v{Version} ({Status}): {Update}")]
    private partial void LogApplied(string eventType, Guid eventId, string reservationNumber, int version, string status, ViewUpdate update);
}
