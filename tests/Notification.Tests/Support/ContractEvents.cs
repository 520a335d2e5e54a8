using Accommodation.Testing.Kafka;

namespace Accommodation.Notification.Tests.Support;

/// <summary>One integration event as another service puts it on the wire (docs/events.md): topic, key, type name, payload.</summary>
public sealed record ContractEvent(string Topic, string Key, string EventType, Guid Id, IReadOnlyDictionary<string, object?> Payload);

/// <summary>A reservation as the reservation and payment contexts describe it, and the events they publish about it.</summary>
public sealed record TestReservation(
    string ReservationNumber, string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut, decimal TotalPrice)
{
    public const string ReservationEvents = "reservation-events";
    public const string PaymentEvents = "payment-events";

    public static TestReservation New(string customerId) => new(
        $"R-20261224-{Guid.NewGuid():N}"[..17].ToUpperInvariant(), customerId, "101", new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 26), 240_000m);

    /// <summary>A customer id no other test uses.</summary>
    public static string NewCustomerId() => $"C-{Guid.NewGuid():N}"[..14];

    public ContractEvent Placed(DateTimeOffset holdExpiresAt) =>
        Reservation("ReservationPlacedIntegrationEvent", "Held", 1, paymentId: null, ("holdExpiresAt", holdExpiresAt));

    public ContractEvent Confirmed(Guid paymentId) => Reservation("ReservationConfirmedIntegrationEvent", "Confirmed", 2, paymentId);

    public ContractEvent Cancelled(Guid paymentId, DateTimeOffset cancelledAt) =>
        Reservation("ReservationCancelledIntegrationEvent", "Cancelled", 3, paymentId, ("cancelledAt", cancelledAt));

    public ContractEvent Expired() => Reservation("ReservationExpiredIntegrationEvent", "Expired", 2, paymentId: null);

    public ContractEvent CheckedOut(Guid paymentId, DateTimeOffset checkedOutAt) =>
        Reservation("ReservationCheckedOutIntegrationEvent", "CheckedOut", 3, paymentId, ("checkedOutAt", checkedOutAt));

    public ContractEvent PaymentApproved(Guid paymentId) => Payment("PaymentApprovedIntegrationEvent", new()
    {
        ["paymentId"] = paymentId,
        ["reservationNumber"] = ReservationNumber,
        ["customerId"] = CustomerId,
        ["amount"] = TotalPrice,
        ["approvedAt"] = DateTimeOffset.UtcNow,
    });

    public ContractEvent PaymentRefunded(Guid paymentId, decimal refundRate) => Payment("PaymentRefundedIntegrationEvent", new()
    {
        ["paymentId"] = paymentId,
        ["reservationNumber"] = ReservationNumber,
        ["customerId"] = CustomerId,
        ["amount"] = TotalPrice,
        ["refundedAmount"] = TotalPrice * refundRate,
        ["refundRate"] = refundRate,
        ["refundedAt"] = DateTimeOffset.UtcNow,
    });

    private ContractEvent Reservation(string eventType, string status, int version, Guid? paymentId, params (string Name, object? Value)[] extra) =>
        new(ReservationEvents, ReservationNumber, eventType, Guid.CreateVersion7(),
            ReservationEventPayload.Of(ReservationNumber, CustomerId, RoomNumber, CheckIn, CheckOut, TotalPrice, status, version, paymentId, extra));

    private ContractEvent Payment(string eventType, Dictionary<string, object?> payload) =>
        new(PaymentEvents, ReservationNumber, eventType, Guid.CreateVersion7(), payload);
}
