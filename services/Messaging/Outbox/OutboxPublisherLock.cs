using Microsoft.EntityFrameworkCore;

namespace Accommodation.Messaging;

/// <summary>
/// A PostgreSQL session advisory lock: one relay publishes from a database at a time, so rows of one key
/// reach Kafka in sequence order. The server releases it if the holder's connection dies.
/// </summary>
internal sealed class OutboxPublisherLock : IAsyncDisposable
{
    // ASCII "outbox"; advisory lock keys are per database.
    private const long LockKey = 0x6F75_7462_6F78;

    private readonly DbContext _dbContext;

    private OutboxPublisherLock(DbContext dbContext) => _dbContext = dbContext;

    /// <summary>Waits until no other relay holds the lock; the context's connection stays open until disposal.</summary>
    public static async Task<OutboxPublisherLock> AcquireAsync(DbContext dbContext, CancellationToken cancellationToken)
    {
        await dbContext.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(dbContext, "SELECT pg_advisory_lock(@key)", cancellationToken);
            return new OutboxPublisherLock(dbContext);
        }
        catch
        {
            await dbContext.Database.CloseConnectionAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(_dbContext, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
        finally
        {
            await _dbContext.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(DbContext dbContext, string sql, CancellationToken cancellationToken)
    {
        await using var command = dbContext.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var key = command.CreateParameter();
        key.ParameterName = "key";
        key.Value = LockKey;
        command.Parameters.Add(key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
