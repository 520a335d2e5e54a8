using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Accommodation.Messaging;

public static class InboxDbContextExtensions
{
    /// <summary>
    /// Runs <paramref name="effect"/> at most once per (<paramref name="eventId"/>, <paramref name="consumer"/>):
    /// the inbox row and the effect's changes commit in one transaction, run through the context's execution
    /// strategy (so EnableRetryOnFailure works). Changes made by the effect are saved after it returns.
    /// Returns false when the event had already been handled; a concurrent duplicate waits for the first one
    /// on the inbox key and then does nothing.
    /// </summary>
    /// <remarks>When the strategy retries, the change tracker is cleared so a failed attempt's changes are not saved twice.</remarks>
    public static Task<bool> ExecuteOnceAsync(this DbContext dbContext, Guid eventId, string consumer,
        Func<CancellationToken, Task> effect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dbContext);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentNullException.ThrowIfNull(effect);

        var insertInboxRow = InsertInboxRowSql(dbContext);
        var attempt = 0;
        return dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                dbContext.ChangeTracker.Clear();
            }

            await using var transaction = await dbContext.Database.BeginTransactionAsync(ct);
            // Waits on the key while a concurrent duplicate is in flight, then inserts nothing if that one committed.
            var inserted = await dbContext.Database.ExecuteSqlRawAsync(
                insertInboxRow, [eventId, consumer, DateTimeOffset.UtcNow], ct);
            if (inserted == 0)
            {
                return false;
            }

            await effect(ct);
            await dbContext.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    private static string InsertInboxRowSql(DbContext dbContext)
    {
        var inbox = dbContext.Model.FindEntityType(typeof(InboxMessage))
            ?? throw new InvalidOperationException(
                $"{dbContext.GetType().Name} has no inbox: call modelBuilder.AddInboxMessages() in OnModelCreating.");
        var sql = dbContext.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(inbox.GetTableName()!, inbox.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(inbox.FindProperty(property)!.GetColumnName(table)!);

        return $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({Column(nameof(InboxMessage.EventId))}, {Column(nameof(InboxMessage.Consumer))}, {Column(nameof(InboxMessage.ProcessedAt))}) "
            + "VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING";
    }
}
