using Accommodation.Messaging;

namespace Accommodation.Payments.Api.IntegrationEvents.Events;

/// <summary>Published on <c>payment-events</c>, keyed by reservation number, when the payment gateway approves a charge.</summary>
public sealed record PaymentApprovedIntegrationEvent(
    Guid PaymentId, string ReservationNumber, string CustomerId, decimal Amount, DateTimeOffset ApprovedAt) : IntegrationEvent;
