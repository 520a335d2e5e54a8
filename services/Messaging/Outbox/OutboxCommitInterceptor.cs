using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Accommodation.Messaging;

/// <summary>
/// Wakes the relay once outbox rows are committed: after SaveChanges when it ran in its own transaction,
/// or after the commit of the caller's transaction. Holds the crash points around that commit.
/// </summary>
internal sealed class OutboxCommitInterceptor<TDbContext>(OutboxRelaySignal<TDbContext> signal, CrashPointTrigger crashPoints)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
    where TDbContext : DbContext
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        NotifyIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result)
    {
        ReachBeforeCommit(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ReachBeforeCommit(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        NotifyIfPending(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        NotifyIfPending(eventData.Context);
        return Task.CompletedTask;
    }

    private void NotifyIfCommitted(DbContext? context)
    {
        // Inside the caller's transaction the rows are not visible yet; TransactionCommitted notifies then.
        if (context?.Database.CurrentTransaction is null)
        {
            NotifyIfPending(context);
        }
    }

    private void NotifyIfPending(DbContext? context)
    {
        if (context is TDbContext && PendingOutboxMessages.TryClear(context))
        {
            crashPoints.Reach(CrashPoints.AfterCommit);
            signal.Notify();
        }
    }

    // The SQL of the save (EF's own transaction, or the caller's) has run; the commit has not.
    private void ReachBeforeCommit(DbContext? context)
    {
        if (crashPoints.IsEnabled && context is TDbContext && PendingOutboxMessages.IsPending(context))
        {
            crashPoints.Reach(CrashPoints.BeforeCommit);
        }
    }
}
