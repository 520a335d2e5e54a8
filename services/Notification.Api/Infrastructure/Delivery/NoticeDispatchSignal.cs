namespace Accommodation.Notification.Api.Infrastructure.Delivery;

/// <summary>Wakes every sender of this replica when a notice was recorded, instead of leaving it to the next poll.</summary>
public sealed class NoticeDispatchSignal
{
    private TaskCompletionSource _nextNotice = NewSource();

    /// <summary>Completes at the next <see cref="Notify"/>; take it before looking for work, so a notice recorded meanwhile is not missed.</summary>
    public Task NextNotice => Volatile.Read(ref _nextNotice).Task;

    public void Notify() => Interlocked.Exchange(ref _nextNotice, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
