using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Ports;

namespace Accommodation.Reservations.Api.Application;

/// <summary>The reads a customer makes of their reservations, shared by REST and gRPC.</summary>
public sealed class ReservationQueries(IReservationRepository reservations)
{
    public Task<Reservation?> FindAsync(string number, CancellationToken cancellationToken) =>
        reservations.FindAsync(ReservationNumber.Parse(number), cancellationToken);

    public async Task<(IReadOnlyList<Reservation> Page, int Count)> ListByCustomerAsync(
        string customerId, int pageIndex, int pageSize, CancellationToken cancellationToken)
    {
        var customer = CustomerId.Parse(customerId);
        var count = await reservations.CountByCustomerAsync(customer, cancellationToken);
        var page = await reservations.ListByCustomerAsync(customer, pageIndex, pageSize, cancellationToken);
        return (page, count);
    }
}
