namespace Accommodation.Payments.Api.Domain.Events;

public sealed record PaymentApproved(
    Guid PaymentId, string ReservationNumber, string CustomerId, decimal Amount, DateTimeOffset ApprovedAt) : IDomainEvent;
