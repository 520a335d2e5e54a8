namespace Accommodation.Notification.Api.Domain;

/// <summary>
/// One message to a customer about one status change (one per integration event), and the record of its delivery:
/// Pending until the channel accepts it (Sent) or every attempt has failed (Failed).
/// </summary>
public sealed class Notice
{
    public const int CustomerIdMaxLength = 100;
    public const int ReservationNumberMaxLength = 50;
    public const int MessageMaxLength = 1000;
    public const int LastErrorMaxLength = 2000;

    private Notice(Guid id, Guid eventId, NoticeKind kind, string customerId, string reservationNumber, string message,
        DateTimeOffset createdAt)
    {
        Id = id;
        EventId = eventId;
        Kind = kind;
        CustomerId = customerId;
        ReservationNumber = reservationNumber;
        Message = message;
        CreatedAt = createdAt;
        Status = NoticeStatus.Pending;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The integration event this notice tells about; unique, so one event never makes two notices.</summary>
    public Guid EventId { get; private set; }

    public NoticeKind Kind { get; private set; }

    public string CustomerId { get; private set; }

    public string ReservationNumber { get; private set; }

    public string Message { get; private set; }

    public NoticeStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When a pending notice is due for its next attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public static Notice Create(Guid eventId, NoticeDraft draft, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!Enum.IsDefined(draft.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(draft), draft.Kind, "Unknown notice kind.");
        }

        return new Notice(Guid.CreateVersion7(), eventId, draft.Kind,
            Required(draft.CustomerId, CustomerIdMaxLength, "customer id"),
            Required(draft.ReservationNumber, ReservationNumberMaxLength, "reservation number"),
            Required(draft.Message, MessageMaxLength, "message"),
            now);
    }

    public void MarkSent(DateTimeOffset now)
    {
        EnsurePending();
        Attempts++;
        LastAttemptAt = now;
        SentAt = now;
        Status = NoticeStatus.Sent;
    }

    /// <summary>Schedules the next attempt after the policy's backoff, or marks the notice Failed after its last one.</summary>
    public void RecordFailedAttempt(string error, DateTimeOffset now, NoticeRetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        EnsurePending();
        Attempts++;
        LastAttemptAt = now;
        LastError = error.Length > LastErrorMaxLength ? error[..LastErrorMaxLength] : error;
        if (Attempts >= policy.MaxAttempts)
        {
            Status = NoticeStatus.Failed;
        }
        else
        {
            NextAttemptAt = now + policy.BackoffAfter(Attempts);
        }
    }

    private void EnsurePending()
    {
        if (Status != NoticeStatus.Pending)
        {
            throw new InvalidOperationException($"Notice {Id} is {Status}; only a pending notice is delivered.");
        }
    }

    private static string Required(string? value, int maxLength, string what) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength
            ? throw new ArgumentException($"A notice needs a {what} of 1 to {maxLength} characters.", nameof(value))
            : value;
}
