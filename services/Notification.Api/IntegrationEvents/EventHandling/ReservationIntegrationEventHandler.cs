using Accommodation.Messaging;
using Accommodation.Notification.Api.IntegrationEvents.Events;

namespace Accommodation.Notification.Api.IntegrationEvents.EventHandling;

/// <summary>Every status change of a reservation becomes one notice to its customer.</summary>
public sealed class ReservationIntegrationEventHandler(NoticeRecorder notices) :
    IIntegrationEventHandler<ReservationPlacedIntegrationEvent>,
    IIntegrationEventHandler<ReservationConfirmedIntegrationEvent>,
    IIntegrationEventHandler<ReservationCancelledIntegrationEvent>,
    IIntegrationEventHandler<ReservationExpiredIntegrationEvent>,
    IIntegrationEventHandler<ReservationCheckedOutIntegrationEvent>
{
    public Task HandleAsync(ReservationPlacedIntegrationEvent @event, CancellationToken cancellationToken) =>
        notices.RecordAsync(@event.Id, NoticeTemplates.For(@event), cancellationToken);

    public Task HandleAsync(ReservationConfirmedIntegrationEvent @event, CancellationToken cancellationToken) =>
        notices.RecordAsync(@event.Id, NoticeTemplates.For(@event), cancellationToken);

    public Task HandleAsync(ReservationCancelledIntegrationEvent @event, CancellationToken cancellationToken) =>
        notices.RecordAsync(@event.Id, NoticeTemplates.For(@event), cancellationToken);

    public Task HandleAsync(ReservationExpiredIntegrationEvent @event, CancellationToken cancellationToken) =>
        notices.RecordAsync(@event.Id, NoticeTemplates.For(@event), cancellationToken);

    public Task HandleAsync(ReservationCheckedOutIntegrationEvent @event, CancellationToken cancellationToken) =>
        notices.RecordAsync(@event.Id, NoticeTemplates.For(@event), cancellationToken);
}
