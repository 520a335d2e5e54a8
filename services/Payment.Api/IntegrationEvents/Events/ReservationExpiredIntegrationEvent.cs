using Accommodation.Messaging;

namespace Accommodation.Payments.Api.IntegrationEvents.Events;

/// <summary>
/// Our copy of reservation's record on <c>reservation-events</c>: an unpaid hold ran out. <see cref="PaymentId"/> is
/// null, yet a charge may exist whose confirmation reservation never recorded.
/// </summary>
public sealed record ReservationExpiredIntegrationEvent(
    string ReservationNumber,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    decimal TotalPrice,
    string Status,
    Guid? PaymentId,
    int Version) : IntegrationEvent;
