using Accommodation.Notification.Api.Domain;

namespace Accommodation.Notification.Api.Infrastructure.Channels;

/// <summary>The channel of local development without a KakaoTalk endpoint: the message goes to the log and counts as sent.</summary>
internal sealed partial class LoggingNoticeChannel(ILogger<LoggingNoticeChannel> logger) : INoticeChannel
{
    public Task SendAsync(Notice notice, CancellationToken cancellationToken)
    {
        LogMessage(notice.CustomerId, notice.Id, notice.Message);
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "KakaoTalk message to {CustomerId} (notice {NoticeId}, logged only): {Message}")]
    private partial void LogMessage(string customerId, Guid noticeId, string message);
}
