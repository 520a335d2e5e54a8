using Accommodation.Payments.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Accommodation.Payments.Api.Infrastructure.Idempotency;

/// <summary>
/// Idempotency-Keys in PostgreSQL. A request first claims its key in a transaction of its own, before anything is
/// charged; its outcome is then stored with the payment and its outbox event in one transaction.
/// </summary>
internal sealed class IdempotencyStore(PaymentDbContext dbContext, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyKey key, string requestFingerprint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fresh = IdempotencyRecord.Begin(key, requestFingerprint, now);
        // ON CONFLICT: of concurrent first uses exactly one inserts; the others read its row below.
        var inserted = await dbContext.Database.ExecuteSqlAsync($"""
            INSERT INTO idempotency_records (client_id, key, request_fingerprint, state, lease_id, locked_at, created_at)
            VALUES ({fresh.ClientId}, {fresh.Key}, {fresh.RequestFingerprint}, {fresh.State.ToString()}, {fresh.LeaseId}, {fresh.LockedAt}, {fresh.CreatedAt})
            ON CONFLICT (client_id, key) DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
        {
            dbContext.IdempotencyRecords.Attach(fresh);
            return new IdempotencyClaim.Acquired(fresh);
        }

        var existing = await dbContext.IdempotencyRecords.SingleOrDefaultAsync(
            record => record.ClientId == key.ClientId && record.Key == key.Value, cancellationToken);
        if (existing is null)
        {
            // Released a moment ago by a request whose gateway call failed; the client's next retry will claim it.
            return new IdempotencyClaim.InFlight();
        }

        if (existing.RequestFingerprint != requestFingerprint)
        {
            return new IdempotencyClaim.Mismatch();
        }

        if (existing.Response is { } response)
        {
            return new IdempotencyClaim.Completed(response);
        }

        if (!existing.IsAbandoned(now, options.Value.InFlightTimeout))
        {
            return new IdempotencyClaim.InFlight();
        }

        existing.TakeOver(now);
        return await TrySaveAsync(cancellationToken) ? new IdempotencyClaim.Acquired(existing) : new IdempotencyClaim.InFlight();
    }

    /// <summary>
    /// Stores the response and the approved payment (with its outbox event) in one transaction; false when the
    /// request lost its key meanwhile (it was taken over as abandoned) and nothing was stored.
    /// </summary>
    public async Task<bool> CompleteAsync(IdempotencyRecord record, RecordedResponse response, Payment? payment,
        CancellationToken cancellationToken)
    {
        record.Complete(response, clock.GetUtcNow());
        if (payment is not null)
        {
            dbContext.Payments.Add(payment);
        }

        return await TrySaveAsync(cancellationToken);
    }

    /// <summary>Gives the key up when nothing was charged, so a retry can use it at once.</summary>
    public async Task ReleaseAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        dbContext.IdempotencyRecords.Remove(record);
        await TrySaveAsync(cancellationToken);
    }

    public async Task<RecordedResponse?> FindResponseAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        (await dbContext.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(
            record => record.ClientId == key.ClientId && record.Key == key.Value, cancellationToken))?.Response;

    // The lease id is a concurrency token: a request that lost its key to a takeover changes nothing.
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            dbContext.ChangeTracker.Clear();
            return false;
        }
    }
}
