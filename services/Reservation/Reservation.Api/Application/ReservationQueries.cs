using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Ports;

namespace Accommodation.Reservations.Api.Application;

/// <summary>
/// The reads of reservations, shared by REST and gRPC: a customer reads their own, a manager anyone's. What the caller
/// may not read is answered as if it did not exist, so another customer's reservations are never revealed.
/// </summary>
public sealed class ReservationQueries(IReservationRepository reservations)
{
    /// <summary>The reservation, or null when there is none or it is not the caller's to read.</summary>
    public async Task<Reservation?> FindAsync(Caller caller, string number, CancellationToken cancellationToken) =>
        await reservations.FindAsync(ReservationNumber.Parse(number), cancellationToken) is { } reservation && caller.MayAccess(reservation)
            ? reservation
            : null;

    /// <summary>A page of <paramref name="customerId"/>'s reservations; a customer who names nobody gets their own.</summary>
    /// <exception cref="ReservationDomainException">A manager named no customer.</exception>
    /// <exception cref="CustomerNotFoundException">A customer named another customer.</exception>
    public async Task<(IReadOnlyList<Reservation> Page, int Count)> ListByCustomerAsync(
        Caller caller, string? customerId, int pageIndex, int pageSize, CancellationToken cancellationToken)
    {
        var named = customerId ?? (caller.IsCustomer
            ? caller.Id
            : throw new ReservationDomainException("customerId", "A manager names the customer whose reservations to list."));
        if (!caller.MayActFor(named))
        {
            throw new CustomerNotFoundException(named);
        }

        var customer = CustomerId.Parse(named);
        var count = await reservations.CountByCustomerAsync(customer, cancellationToken);
        var page = await reservations.ListByCustomerAsync(customer, pageIndex, pageSize, cancellationToken);
        return (page, count);
    }
}
