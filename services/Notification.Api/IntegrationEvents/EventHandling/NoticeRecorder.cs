using Accommodation.Messaging;
using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.Infrastructure;
using Accommodation.Notification.Api.Infrastructure.Delivery;

namespace Accommodation.Notification.Api.IntegrationEvents.EventHandling;

/// <summary>Records the notice for one event exactly once; delivery happens later, in the dispatcher.</summary>
public sealed partial class NoticeRecorder(
    NotificationDbContext dbContext, NoticeDispatchSignal dispatchSignal, TimeProvider clock, ILogger<NoticeRecorder> logger)
{
    public const string InboxConsumer = "notification";

    public async Task RecordAsync(Guid eventId, NoticeDraft draft, CancellationToken cancellationToken)
    {
        var notice = Notice.Create(eventId, draft, clock.GetUtcNow());
        // The inbox row and the notice commit together, so a redelivered or concurrent duplicate adds nothing.
        var recorded = await dbContext.ExecuteOnceAsync(eventId, InboxConsumer, _ =>
        {
            dbContext.Notices.Add(notice);
            return Task.CompletedTask;
        }, cancellationToken);

        if (recorded)
        {
            LogRecorded(notice.Id, notice.Kind, notice.CustomerId, notice.ReservationNumber, eventId);
            dispatchSignal.Notify();
        }
        else
        {
            LogDuplicate(eventId, draft.Kind);
        }
    }

    [LoggerMessage(LogLevel.Information, "Recorded notice {NoticeId} ({Kind}) for customer {CustomerId}, reservation {ReservationNumber}, from event {EventId}")]
    private partial void LogRecorded(Guid noticeId, NoticeKind kind, string customerId, string reservationNumber, Guid eventId);

    [LoggerMessage(LogLevel.Information, "Event {EventId} ({Kind}) already has its notice; nothing to do")]
    private partial void LogDuplicate(Guid eventId, NoticeKind kind);
}
