using Accommodation.Messaging;
using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Domain.Events;
using Accommodation.Payments.Api.IntegrationEvents.Events;

namespace Accommodation.Payments.Api.IntegrationEvents;

/// <summary>What other contexts learn from the Payment aggregate's domain events.</summary>
public static class PaymentIntegrationEvents
{
    public const string Topic = "payment-events";

    public static IntegrationEvent From(IDomainEvent domainEvent) => domainEvent switch
    {
        PaymentApproved approved => new PaymentApprovedIntegrationEvent(
            approved.PaymentId, approved.ReservationNumber, approved.CustomerId, approved.Amount, approved.ApprovedAt),
        PaymentRefunded refunded => new PaymentRefundedIntegrationEvent(
            refunded.PaymentId, refunded.ReservationNumber, refunded.CustomerId, refunded.Amount,
            refunded.RefundedAmount, refunded.RefundRate, refunded.RefundedAt),
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent, "No integration event is published for this domain event."),
    };
}
