using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Accommodation.Messaging;

/// <summary>
/// The <see cref="CrashPoints.BeforeCommit"/> point of a save that EF runs as one statement without a transaction
/// (it commits as it runs, so the last moment before the commit is before the statement). Registered only while
/// crash points are configured; saves in a transaction reach the point in <see cref="OutboxCommitInterceptor{TDbContext}"/>.
/// </summary>
internal sealed class AutocommitCrashPointInterceptor<TDbContext>(CrashPointTrigger crashPoints) : DbCommandInterceptor
    where TDbContext : DbContext
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        ReachIfAutocommitSave(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ReachIfAutocommitSave(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void ReachIfAutocommitSave(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource == CommandSource.SaveChanges && command.Transaction is null
            && eventData.Context is TDbContext context && PendingOutboxMessages.IsPending(context))
        {
            crashPoints.Reach(CrashPoints.BeforeCommit);
        }
    }
}
