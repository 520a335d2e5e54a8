using Accommodation.Messaging;
using Accommodation.RoomView.Api.IntegrationEvents.Events;
using Accommodation.RoomView.Api.Model;

namespace Accommodation.RoomView.Api.IntegrationEvents.EventHandling;

public sealed partial class PaymentApprovedIntegrationEventHandler(
    IReservationViewStore reservations, ILogger<PaymentApprovedIntegrationEventHandler> logger)
    : IIntegrationEventHandler<PaymentApprovedIntegrationEvent>
{
    public async Task HandleAsync(PaymentApprovedIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var update = await reservations.ApplyAsync(@event.Id, new PaymentSnapshot(
            @event.ReservationNumber, @event.CustomerId, @event.PaymentId, PaymentSnapshot.Approved, @event.Amount, null, null, @event.ApprovedAt));
        LogApplied(@event.Id, @event.ReservationNumber, update);
    }

    [LoggerMessage(LogLevel.Information, "PaymentApproved {EventId} for reservation {ReservationNumber}: {Update}")]
    private partial void LogApplied(Guid eventId, string reservationNumber, ViewUpdate update);
}
