using Accommodation.Messaging;
using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Infrastructure;
using Accommodation.Rooms.Api.IntegrationEvents.Events;

namespace Accommodation.Rooms.Api.IntegrationEvents.EventHandling;

/// <summary>
/// Keeps room's copy of a reservation and the nights it holds: each event at most once (inbox), and only when it is
/// newer than the version held, in one transaction.
/// </summary>
public sealed partial class ReservationIntegrationEventHandler<TEvent>(
    RoomDbContext dbContext, IRoomReservationRepository reservations, ILogger<ReservationIntegrationEventHandler<TEvent>> logger)
    : IIntegrationEventHandler<TEvent>
    where TEvent : ReservationIntegrationEvent
{
    public const string Consumer = "room";

    public async Task HandleAsync(TEvent @event, CancellationToken cancellationToken)
    {
        var snapshot = @event.ToSnapshot();
        var applied = false;
        var firstDelivery = await dbContext.ExecuteOnceAsync(@event.Id, Consumer, async ct =>
        {
            if (await reservations.FindAsync(snapshot.ReservationNumber, ct) is { } reservation)
            {
                applied = reservation.Apply(snapshot);
            }
            else
            {
                reservations.Add(RoomReservation.From(snapshot));
                applied = true;
            }
        }, cancellationToken);

        LogHandled(typeof(TEvent).Name, @event.Id, snapshot.ReservationNumber, snapshot.Version, snapshot.Status,
            !firstDelivery ? "Duplicate" : applied ? "Applied" : "Stale");
    }

    [LoggerMessage(LogLevel.Information, "{EventType} {EventId} for reservation {ReservationNumber} v{Version} ({Status}): {Outcome}")]
    private partial void LogHandled(string eventType, Guid eventId, string reservationNumber, int version, ReservationStatus status, string outcome);
}
