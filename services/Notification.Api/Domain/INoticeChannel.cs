namespace Accommodation.Notification.Api.Domain;

/// <summary>The port through which a notice reaches the customer (KakaoTalk, or the log in development).</summary>
public interface INoticeChannel
{
    /// <summary>Returns once the channel accepted the notice; throws when it did not.</summary>
    /// <remarks>The notice id is the idempotency key: a resend after a crash between send and mark must be harmless.</remarks>
    Task SendAsync(Notice notice, CancellationToken cancellationToken);
}
