using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.Infrastructure.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Accommodation.Notification.Api.Infrastructure.Delivery;

/// <summary>
/// Sends pending notices through the <see cref="INoticeChannel"/>, apart from consuming events, so a slow or failing
/// channel never holds up the topics. Each notice is locked (FOR UPDATE SKIP LOCKED) in the transaction that sends it
/// and records the outcome, so no two senders, in this replica or another, send it at the same time.
/// </summary>
internal sealed partial class NoticeDispatcher(
    IServiceScopeFactory scopeFactory,
    NoticeDispatchSignal signal,
    TimeProvider clock,
    IOptions<NotificationOptions> options,
    IOptions<KakaoTalkOptions> kakaoTalk,
    ILogger<NoticeDispatcher> logger) : BackgroundService
{
    private readonly NotificationOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (kakaoTalk.Value.IsConfigured)
        {
            LogDeliveringThroughKakaoTalk(kakaoTalk.Value.Endpoint!, _options.Senders, _options.MaxAttempts);
        }
        else
        {
            LogNoChannel(KakaoTalkOptions.EndpointKey);
        }

        return Task.WhenAll(Enumerable.Range(0, _options.Senders).Select(_ => SendLoopAsync(stoppingToken)));
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var nextNotice = signal.NextNotice;
            try
            {
                while (await SendNextDueAsync(stoppingToken))
                {
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(exception);
            }

            await Task.WhenAny(nextNotice, Task.Delay(_options.PollInterval, clock, stoppingToken));
        }
    }

    /// <summary>Sends the notice due longest, if any is due and not taken by another sender; false when there was none.</summary>
    private async Task<bool> SendNextDueAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var channel = scope.ServiceProvider.GetRequiredService<INoticeChannel>();

        return await dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async cancellationToken =>
        {
            dbContext.ChangeTracker.Clear();
            await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            // The literal 'Pending' matches the partial index the queue reads from.
            var due = await dbContext.Notices.FromSql($"""
                SELECT * FROM notices
                WHERE status = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
            if (due is not [var notice])
            {
                return false;
            }

            await DeliverAsync(notice, channel, cancellationToken);
            await dbContext.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, stoppingToken);
    }

    private async Task DeliverAsync(Notice notice, INoticeChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            await channel.SendAsync(notice, cancellationToken);
            notice.MarkSent(clock.GetUtcNow());
            LogSent(notice.Id, notice.Kind, notice.CustomerId, notice.Attempts);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            notice.RecordFailedAttempt($"{exception.GetType().Name}: {exception.Message}", clock.GetUtcNow(), _options.RetryPolicy);
            if (notice.Status == NoticeStatus.Failed)
            {
                LogGaveUp(exception, notice.Id, notice.Kind, notice.CustomerId, notice.Attempts);
            }
            else
            {
                LogAttemptFailed(exception, notice.Id, notice.Attempts, notice.NextAttemptAt);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Delivering notices to KakaoTalk at {Endpoint} with {Senders} senders, at most {MaxAttempts} attempts each")]
    private partial void LogDeliveringThroughKakaoTalk(string endpoint, int senders, int maxAttempts);

    [LoggerMessage(LogLevel.Warning, "No KakaoTalk endpoint is configured ({ConfigurationKey}): notices are written to the log and marked sent, not delivered")]
    private partial void LogNoChannel(string configurationKey);

    [LoggerMessage(LogLevel.Information, "Sent notice {NoticeId} ({Kind}) to customer {CustomerId} on attempt {Attempt}")]
    private partial void LogSent(Guid noticeId, NoticeKind kind, string customerId, int attempt);

    [LoggerMessage(LogLevel.Warning, "Sending notice {NoticeId} failed (attempt {Attempt}); next attempt at {NextAttemptAt}")]
    private partial void LogAttemptFailed(Exception exception, Guid noticeId, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(LogLevel.Error, "Sending notice {NoticeId} ({Kind}) to customer {CustomerId} failed {Attempts} times; marked Failed")]
    private partial void LogGaveUp(Exception exception, Guid noticeId, NoticeKind kind, string customerId, int attempts);

    [LoggerMessage(LogLevel.Error, "Notice dispatch pass failed; retrying after the poll interval")]
    private partial void LogPassFailed(Exception exception);
}
