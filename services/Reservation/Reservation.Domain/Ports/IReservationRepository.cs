namespace Accommodation.Reservations.Domain.Ports;

/// <summary>The port through which the application loads and stores Reservation aggregates.</summary>
public interface IReservationRepository
{
    Task<Reservation?> FindAsync(ReservationNumber number, CancellationToken cancellationToken);

    /// <summary>Loads the reservation and locks it until the surrounding transaction ends; others wait for it.</summary>
    /// <remarks>Only inside <see cref="InTransactionAsync{T}"/>.</remarks>
    Task<Reservation?> FindLockedAsync(ReservationNumber number, CancellationToken cancellationToken);

    /// <summary>Held reservations whose hold time is over, locked; rows another transaction holds are skipped, not waited for.</summary>
    /// <remarks>Only inside <see cref="InTransactionAsync{T}"/>.</remarks>
    Task<IReadOnlyList<Reservation>> LockRunOutHoldsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>A customer's reservations, newest first; read-only.</summary>
    Task<IReadOnlyList<Reservation>> ListByCustomerAsync(CustomerId customerId, int pageIndex, int pageSize,
        CancellationToken cancellationToken);

    Task<int> CountByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken);

    void Add(Reservation reservation);

    /// <summary>Stores every change and the integration events the changes raised, in one transaction.</summary>
    /// <exception cref="StayUnavailableException">A live reservation of the room already holds one of the nights.</exception>
    /// <exception cref="ReservationChangedMeanwhileException">The reservation changed since it was loaded.</exception>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one transaction that commits when it returns and rolls back when it throws.</summary>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
