using Accommodation.Messaging;
using Accommodation.Notification.Api.IntegrationEvents.Events;

namespace Accommodation.Notification.Api.IntegrationEvents.EventHandling;

/// <summary>An approved payment and a refund each become one notice to the customer who paid.</summary>
public sealed class PaymentIntegrationEventHandler(NoticeRecorder notices) :
    IIntegrationEventHandler<PaymentApprovedIntegrationEvent>,
    IIntegrationEventHandler<PaymentRefundedIntegrationEvent>
{
    public Task HandleAsync(PaymentApprovedIntegrationEvent @event, CancellationToken cancellationToken) =>
        notices.RecordAsync(@event.Id, NoticeTemplates.For(@event), cancellationToken);

    public Task HandleAsync(PaymentRefundedIntegrationEvent @event, CancellationToken cancellationToken) =>
        notices.RecordAsync(@event.Id, NoticeTemplates.For(@event), cancellationToken);
}
