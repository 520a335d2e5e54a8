namespace Accommodation.Notification.Api.Domain;

public enum NoticeStatus
{
    /// <summary>Waiting for its first or next delivery attempt.</summary>
    Pending,

    /// <summary>The message channel accepted it.</summary>
    Sent,

    /// <summary>Every attempt failed; kept with its last error so nothing is lost silently.</summary>
    Failed,
}
