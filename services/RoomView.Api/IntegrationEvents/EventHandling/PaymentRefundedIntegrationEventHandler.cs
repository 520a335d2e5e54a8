using Accommodation.Messaging;
using Accommodation.RoomView.Api.IntegrationEvents.Events;
using Accommodation.RoomView.Api.Model;

namespace Accommodation.RoomView.Api.IntegrationEvents.EventHandling;

public sealed partial class PaymentRefundedIntegrationEventHandler(
    IReservationViewStore reservations, ILogger<PaymentRefundedIntegrationEventHandler> logger)
    : IIntegrationEventHandler<PaymentRefundedIntegrationEvent>
{
    public async Task HandleAsync(PaymentRefundedIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var update = await reservations.ApplyAsync(@event.Id, new PaymentSnapshot(
            @event.ReservationNumber, @event.CustomerId, @event.PaymentId, PaymentSnapshot.Refunded, @event.Amount,
            @event.RefundedAmount, @event.RefundRate, @event.RefundedAt));
        LogApplied(@event.Id, @event.ReservationNumber, @event.RefundedAmount, update);
    }

    [LoggerMessage(LogLevel.Information, "PaymentRefunded {EventId} for reservation {ReservationNumber} ({RefundedAmount} back): {Update}")]
    private partial void LogApplied(Guid eventId, string reservationNumber, decimal refundedAmount, ViewUpdate update);
}
