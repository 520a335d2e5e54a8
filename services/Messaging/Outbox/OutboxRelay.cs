using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Accommodation.Messaging;

/// <summary>
/// Publishes the outbox of <typeparamref name="TDbContext"/> to Kafka in sequence order and marks what was
/// delivered. Runs a pass when a commit added rows and every poll interval (rows a crashed process left).
/// Delivery is at least once: a crash between delivery and marking republishes, which consumers' inboxes absorb.
/// A message whose delivery fails stays unsent and goes again in the next pass, after any later ones of its batch.
/// </summary>
internal sealed partial class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopeFactory,
    IProducer<string, byte[]> producer,
    OutboxRelaySignal<TDbContext> signal,
    IOptions<OutboxRelayOptions> options,
    CrashPointTrigger crashPoints,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly OutboxRelayOptions _options = options.Value;
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(exception, typeof(TDbContext).Name);
            }

            await signal.WaitAsync(_options.PollInterval, stoppingToken);
        }
    }

    private async Task PublishPendingAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var publisherLock = await OutboxPublisherLock.AcquireAsync(dbContext, stoppingToken);

        while (true)
        {
            var batch = await dbContext.Set<OutboxMessage>()
                .AsNoTracking()
                .Where(m => m.SentAt == null)
                .OrderBy(m => m.Sequence)
                .Take(_options.BatchSize)
                .ToListAsync(stoppingToken);
            if (batch.Count == 0)
            {
                break;
            }

            // A batch once produced is finished even when stopping, so what Kafka has is marked sent.
            var delivered = await PublishAsync(batch);
            if (delivered.Count > 0)
            {
                crashPoints.Reach(CrashPoints.AfterPublish);
            }

            await MarkSentAsync(dbContext, delivered);
            if (delivered.Count < batch.Count || batch.Count < _options.BatchSize || stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        await RemoveExpiredAsync(dbContext, stoppingToken);
    }

    private async Task<List<long>> PublishAsync(List<OutboxMessage> batch)
    {
        // Produce the whole batch before awaiting: the idempotent producer keeps per-partition order.
        var deliveries = batch.Select(PublishAsync).ToList();
        var delivered = new List<long>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (await deliveries[i])
            {
                delivered.Add(batch[i].Sequence);
            }
        }

        return delivered;
    }

    private async Task<bool> PublishAsync(OutboxMessage message)
    {
        message.Headers.TryGetValue(MessageHeaders.TraceParent, out var traceParent);
        message.Headers.TryGetValue(MessageHeaders.TraceState, out var traceState);
        using var activity = MessagingTelemetry.StartPublish(message.Topic, message.Key, message.Id, traceParent, traceState);
        try
        {
            await producer.ProduceAsync(message.Topic, ToKafkaMessage(message, activity?.Id ?? traceParent, traceState));
            MessagingTelemetry.Published.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", message.Topic));
            return true;
        }
        catch (ProduceException<string, byte[]> exception)
        {
            activity.RecordError(exception);
            LogPublishFailed(exception, message.Id, message.Topic);
            return false;
        }
    }

    private static Message<string, byte[]> ToKafkaMessage(OutboxMessage message, string? traceParent, string? traceState)
    {
        var headers = new Headers
        {
            { MessageHeaders.EventId, Encoding.UTF8.GetBytes(message.Id.ToString()) },
            { MessageHeaders.EventType, Encoding.UTF8.GetBytes(message.EventType) },
        };
        foreach (var (name, value) in message.Headers.Where(h => h.Key is not (MessageHeaders.TraceParent or MessageHeaders.TraceState)))
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }

        if (traceParent is not null)
        {
            headers.Add(MessageHeaders.TraceParent, Encoding.UTF8.GetBytes(traceParent));
            if (traceState is not null)
            {
                headers.Add(MessageHeaders.TraceState, Encoding.UTF8.GetBytes(traceState));
            }
        }

        return new Message<string, byte[]> { Key = message.Key, Value = Encoding.UTF8.GetBytes(message.Payload), Headers = headers };
    }

    private static async Task MarkSentAsync(TDbContext dbContext, List<long> delivered)
    {
        if (delivered.Count == 0)
        {
            return;
        }

        var sentAt = DateTimeOffset.UtcNow;
        await dbContext.Set<OutboxMessage>()
            .Where(m => delivered.Contains(m.Sequence))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, sentAt), CancellationToken.None);
    }

    private async Task RemoveExpiredAsync(TDbContext dbContext, CancellationToken stoppingToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now < _nextCleanup || stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var sentBefore = now - _options.SentRetention;
        var removed = await dbContext.Set<OutboxMessage>()
            .Where(m => m.SentAt < sentBefore)
            .ExecuteDeleteAsync(stoppingToken);
        _nextCleanup = now + _options.CleanupInterval;
        if (removed > 0)
        {
            LogRemovedSent(removed, typeof(TDbContext).Name);
        }
    }

    [LoggerMessage(LogLevel.Error, "Outbox relay pass for {DbContext} failed; retrying after the poll interval")]
    private partial void LogPassFailed(Exception exception, string dbContext);

    [LoggerMessage(LogLevel.Warning, "Publishing outbox message {EventId} to {Topic} failed; it stays unsent and is retried")]
    private partial void LogPublishFailed(Exception exception, Guid eventId, string topic);

    [LoggerMessage(LogLevel.Information, "Removed {Count} sent outbox messages of {DbContext} past their retention")]
    private partial void LogRemovedSent(int count, string dbContext);
}
