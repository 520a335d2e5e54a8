namespace Accommodation.Payments.Api.Domain;

/// <summary>The port through which the application loads and stores Payment aggregates.</summary>
public interface IPaymentRepository
{
    Task<Payment?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The payments of a reservation, of a customer, or both; a null filter is not applied.</summary>
    Task<IReadOnlyList<Payment>> ListAsync(string? reservationNumber, string? customerId, CancellationToken cancellationToken);

    /// <summary>The approved, not yet refunded payments of a reservation, tracked so they can be refunded.</summary>
    Task<IReadOnlyList<Payment>> ListApprovedByReservationAsync(string reservationNumber, CancellationToken cancellationToken);

    void Add(Payment payment);
}
