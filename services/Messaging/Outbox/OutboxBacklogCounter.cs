using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Accommodation.Messaging;

/// <summary>
/// Counts the unsent outbox rows of <typeparamref name="TDbContext"/> once a second for <see cref="OutboxBacklog"/>.
/// Apart from the relay, so the count goes on while a pass waits on a broker that is down, which is when it grows.
/// </summary>
internal sealed partial class OutboxBacklogCounter<TDbContext>(
    IServiceScopeFactory scopeFactory, OutboxBacklog backlog, ILogger<OutboxBacklogCounter<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CountInterval);
        do
        {
            try
            {
                backlog.Record(typeof(TDbContext).Name, await CountUnsentAsync(stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The relay reports the database being away; the gauge keeps the last count meanwhile.
                LogCountFailed(exception, typeof(TDbContext).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // Served by the partial index of unsent rows (ix_outbox_messages_unsent): it costs what the backlog is, not the day of sent rows kept.
    private async Task<long> CountUnsentAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>()
            .LongCountAsync(m => m.SentAt == null, cancellationToken);
    }

    [LoggerMessage(LogLevel.Debug, "Counting the unsent outbox messages of {DbContext} failed")]
    private partial void LogCountFailed(Exception exception, string dbContext);
}
