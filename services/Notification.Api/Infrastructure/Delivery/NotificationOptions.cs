using Accommodation.Notification.Api.Domain;

namespace Accommodation.Notification.Api.Infrastructure.Delivery;

/// <summary>How notices are delivered, bound from the configuration section <c>Notification</c>.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notification";

    /// <summary>How many attempts a notice gets before it is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts of one notice.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the dispatcher looks for due notices without being woken (retries, other replicas' notices).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many notices one replica sends at the same time, so one slow message does not hold up the rest.</summary>
    public int Senders { get; set; } = 4;

    public NoticeRetryPolicy RetryPolicy => new(MaxAttempts, RetryBackoff, MaxRetryBackoff);

    internal bool IsValid() =>
        MaxAttempts > 0 && Senders > 0 && PollInterval > TimeSpan.Zero
        && RetryBackoff >= TimeSpan.Zero && MaxRetryBackoff >= RetryBackoff;
}
