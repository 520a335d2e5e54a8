using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Ports;
using Accommodation.Reservations.Infrastructure.EntityConfigurations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Accommodation.Reservations.Infrastructure;

internal sealed class ReservationRepository(ReservationDbContext dbContext) : IReservationRepository
{
    public Task<Reservation?> FindAsync(ReservationNumber number, CancellationToken cancellationToken) =>
        dbContext.Reservations.SingleOrDefaultAsync(reservation => reservation.Number == number, cancellationToken);

    public async Task<Reservation?> FindLockedAsync(ReservationNumber number, CancellationToken cancellationToken)
    {
        RequireTransaction();
        // Lock first, then load: the load reads the row as the lock holder sees it, and EF maps it as usual.
        var locked = await dbContext.Database
            .SqlQuery<string>($"""SELECT number AS "Value" FROM reservations WHERE number = {number.Value} FOR UPDATE""")
            .ToListAsync(cancellationToken);
        return locked.Count == 0 ? null : await FindAsync(number, cancellationToken);
    }

    public async Task<IReadOnlyList<Reservation>> LockRunOutHoldsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        RequireTransaction();
        var locked = await dbContext.Database
            .SqlQuery<string>($"""
                SELECT number AS "Value" FROM reservations
                WHERE status = 'Held' AND hold_expires_at <= {now}
                ORDER BY hold_expires_at
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        var numbers = locked.Select(ReservationNumber.Parse).ToList();
        return await dbContext.Reservations.Where(reservation => numbers.Contains(reservation.Number)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Reservation>> ListByCustomerAsync(CustomerId customerId, int pageIndex, int pageSize,
        CancellationToken cancellationToken) =>
        await dbContext.Reservations
            .AsNoTracking()
            .Where(reservation => reservation.CustomerId == customerId)
            .OrderByDescending(reservation => reservation.PlacedAt)
            .ThenBy(reservation => reservation.Number)
            .Skip(pageIndex * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);

    public Task<int> CountByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        dbContext.Reservations.CountAsync(reservation => reservation.CustomerId == customerId, cancellationToken);

    public void Add(Reservation reservation) => dbContext.Reservations.Add(reservation);

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var rooms = RoomsOfNewReservations();
        if (rooms.Count == 0)
        {
            await SaveAsync(acceptAllChanges: true, cancellationToken);
        }
        else if (dbContext.Database.CurrentTransaction is not null)
        {
            await QueueForRoomsAsync(rooms, cancellationToken);
            await SaveAsync(acceptAllChanges: true, cancellationToken);
        }
        else
        {
            // Changes are accepted only after the commit, so a retried attempt inserts the same rows again.
            await dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var transaction = await dbContext.Database.BeginTransactionAsync(ct);
                await QueueForRoomsAsync(rooms, ct);
                await SaveAsync(acceptAllChanges: false, ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
            dbContext.ChangeTracker.AcceptAllChanges();
        }
    }

    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempt = 0;
        // Through the execution strategy, so a transient failure reruns the whole unit of work, not half of it.
        return dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                dbContext.ChangeTracker.Clear();
            }

            await using var transaction = await dbContext.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    private async Task SaveAsync(bool acceptAllChanges, CancellationToken cancellationToken)
    {
        try
        {
            await dbContext.SaveChangesAsync(acceptAllChanges, cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception) when (Reservation(exception) is { } reservation)
        {
            throw new ReservationChangedMeanwhileException(reservation.Number, exception);
        }
        catch (DbUpdateException exception) when (
            exception.InnerException is PostgresException
            {
                SqlState: PostgresErrorCodes.ExclusionViolation,
                ConstraintName: ReservationEntityTypeConfiguration.NoOverlapConstraint,
            }
            && Reservation(exception) is { } reservation)
        {
            throw new StayUnavailableException(reservation.RoomNumber, reservation.Stay, exception);
        }
    }

    /// <summary>
    /// New reservations of one room queue up on a transaction-scoped advisory lock. The exclusion constraint alone is
    /// correct, but concurrent inserts it must compare wait on each other and end in deadlocks (a second each);
    /// queued, each insert meets the committed rows and gets its answer (23P01) at once. In name order, so never a cycle.
    /// </summary>
    private async Task QueueForRoomsAsync(IReadOnlyList<string> rooms, CancellationToken cancellationToken)
    {
        foreach (var room in rooms)
        {
            await dbContext.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT pg_advisory_xact_lock(hashtextextended({"reservations/room/" + room}, 0))", cancellationToken);
        }
    }

    private List<string> RoomsOfNewReservations() =>
    [
        .. dbContext.ChangeTracker.Entries<Reservation>()
            .Where(entry => entry.State == EntityState.Added)
            .Select(entry => entry.Entity.RoomNumber.Value)
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    private Reservation? Reservation(DbUpdateException exception) =>
        exception.Entries.Select(entry => entry.Entity).OfType<Reservation>().FirstOrDefault()
        ?? dbContext.ChangeTracker.Entries<Reservation>()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified)
            .Select(entry => entry.Entity)
            .FirstOrDefault();

    private void RequireTransaction()
    {
        if (dbContext.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Row locks last only as long as a transaction: call this inside InTransactionAsync.");
        }
    }
}
