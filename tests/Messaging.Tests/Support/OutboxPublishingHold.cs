using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Messaging.Tests.Support;

/// <summary>Holds the relay's reads of unsent rows until released: a relay that has not got round to publishing yet.</summary>
internal sealed class OutboxPublishingHold : DbCommandInterceptor
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // The relay reads rows in sequence order; other reads of the table (counting it) go through.
        if (command.CommandText.Contains("FROM outbox_messages", StringComparison.Ordinal)
            && command.CommandText.Contains("ORDER BY", StringComparison.Ordinal))
        {
            await _released.Task.WaitAsync(cancellationToken);
        }

        return result;
    }
}
