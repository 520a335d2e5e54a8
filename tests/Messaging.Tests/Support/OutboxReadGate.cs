using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Messaging.Tests.Support;

/// <summary>Holds the relay's second read of the outbox until the relay is stopped: a relay caught mid-stream.</summary>
internal sealed class OutboxReadGate : DbCommandInterceptor
{
    private int _outboxReads;

    public TaskCompletionSource SecondReadReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // The relay reads rows in sequence order; counting them (the backlog gauge) is not a read of the relay.
        if (command.CommandText.Contains("FROM outbox_messages", StringComparison.Ordinal)
            && command.CommandText.Contains("ORDER BY", StringComparison.Ordinal)
            && Interlocked.Increment(ref _outboxReads) == 2)
        {
            SecondReadReached.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return result;
    }
}
