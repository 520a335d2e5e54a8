using Accommodation.Payments.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Payments.Api.Infrastructure;

internal sealed class PaymentRepository(PaymentDbContext dbContext) : IPaymentRepository
{
    public Task<Payment?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        dbContext.Payments.SingleOrDefaultAsync(payment => payment.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Payment>> ListAsync(string? reservationNumber, string? customerId, CancellationToken cancellationToken)
    {
        var payments = dbContext.Payments.AsNoTracking();
        if (reservationNumber is not null)
        {
            payments = payments.Where(payment => payment.ReservationNumber == reservationNumber);
        }

        if (customerId is not null)
        {
            payments = payments.Where(payment => payment.CustomerId == customerId);
        }

        return await payments.OrderBy(payment => payment.ApprovedAt).ThenBy(payment => payment.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Payment>> ListApprovedByReservationAsync(string reservationNumber, CancellationToken cancellationToken) =>
        await dbContext.Payments
            .Where(payment => payment.ReservationNumber == reservationNumber && payment.Status == PaymentStatus.Approved)
            .OrderBy(payment => payment.ApprovedAt)
            .ToListAsync(cancellationToken);

    public void Add(Payment payment) => dbContext.Payments.Add(payment);
}
