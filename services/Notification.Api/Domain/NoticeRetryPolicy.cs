namespace Accommodation.Notification.Api.Domain;

/// <summary>How often a notice is tried and how long it waits between tries: the wait doubles up to <see cref="MaxBackoff"/>.</summary>
public sealed record NoticeRetryPolicy(int MaxAttempts, TimeSpan FirstBackoff, TimeSpan MaxBackoff)
{
    public TimeSpan BackoffAfter(int failedAttempts)
    {
        var backoff = FirstBackoff * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }
}
