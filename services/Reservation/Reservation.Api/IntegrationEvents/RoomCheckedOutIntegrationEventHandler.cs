using Accommodation.Messaging;
using Accommodation.Reservations.Api.Application;
using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Infrastructure;
using Accommodation.Reservations.Infrastructure.IntegrationEvents.Events;

namespace Accommodation.Reservations.Api.IntegrationEvents;

/// <summary>
/// An inbound adapter like REST and gRPC: room's manager check-out closes the named reservation through the same
/// use case. Once per event (inbox); a reservation that is already closed, or cannot be checked out, is left as it is.
/// </summary>
internal sealed partial class RoomCheckedOutIntegrationEventHandler(
    ReservationDbContext dbContext, ReservationCommands commands, ILogger<RoomCheckedOutIntegrationEventHandler> logger)
    : IIntegrationEventHandler<RoomCheckedOutIntegrationEvent>
{
    public const string Consumer = "reservation";

    public async Task HandleAsync(RoomCheckedOutIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var handled = await dbContext.ExecuteOnceAsync(@event.Id, Consumer, async ct =>
        {
            try
            {
                var reservation = await commands.CheckOutAsync(@event.ReservationNumber, ct, @event.CheckedOutAt);
                LogCheckedOut(reservation.Number.Value, @event.Number);
            }
            catch (Exception exception) when (exception is ReservationTransitionException or ReservationNotFoundException or ReservationDomainException)
            {
                // Retrying cannot change the answer; the event is recorded as handled and the reservation left as it is.
                LogIgnored(@event.ReservationNumber, @event.Number, exception.Message);
            }
        }, cancellationToken);
        if (!handled)
        {
            LogDuplicate(@event.Id, @event.ReservationNumber);
        }
    }

    [LoggerMessage(LogLevel.Information, "Reservation {ReservationNumber} checked out: room {RoomNumber} was checked out")]
    private partial void LogCheckedOut(string reservationNumber, string roomNumber);

    [LoggerMessage(LogLevel.Warning, "Room {RoomNumber} was checked out, but reservation {ReservationNumber} was left as it is: {Reason}")]
    private partial void LogIgnored(string reservationNumber, string roomNumber, string reason);

    [LoggerMessage(LogLevel.Debug, "RoomCheckedOut {EventId} for reservation {ReservationNumber} was already handled")]
    private partial void LogDuplicate(Guid eventId, string reservationNumber);
}
