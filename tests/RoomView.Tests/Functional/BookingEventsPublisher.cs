using Accommodation.Testing.Kafka;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>Publishes reservation and payment events exactly as the contract puts them on the wire.</summary>
/// <param name="bootstrapServers">The broker.</param>
/// <param name="byKey">Partition by key as the real publishers do; otherwise all on partition 0, so a later event handled means every earlier one was.</param>
internal sealed class BookingEventsPublisher(string bootstrapServers, bool byKey = false) : IDisposable
{
    private readonly IntegrationEventsPublisher _publisher = new(bootstrapServers);

    /// <summary>Publishes <paramref name="reservation"/> as the record its status is announced by; returns the event id.</summary>
    public Task<Guid> PublishAsync(ReservationState reservation, Guid? eventId = null) =>
        PublishAsync(RoomViewFactory.ReservationEventsTopic, reservation.ReservationNumber, ReservationState.EventTypeOf(reservation.Status), eventId, reservation);

    public Task<Guid> PublishApprovedAsync(ReservationState reservation, Guid? eventId = null) =>
        PublishAsync(RoomViewFactory.PaymentEventsTopic, reservation.ReservationNumber, "PaymentApprovedIntegrationEvent", eventId, new
        {
            reservation.PaymentId,
            reservation.ReservationNumber,
            reservation.CustomerId,
            Amount = reservation.TotalPrice,
            ApprovedAt = DateTimeOffset.UtcNow,
        });

    public Task<Guid> PublishRefundedAsync(ReservationState reservation, decimal refundRate, Guid? eventId = null) =>
        PublishAsync(RoomViewFactory.PaymentEventsTopic, reservation.ReservationNumber, "PaymentRefundedIntegrationEvent", eventId, new
        {
            reservation.PaymentId,
            reservation.ReservationNumber,
            reservation.CustomerId,
            Amount = reservation.TotalPrice,
            RefundedAmount = reservation.TotalPrice * refundRate,
            RefundRate = refundRate,
            RefundedAt = DateTimeOffset.UtcNow,
        });

    public Task<Guid> PublishAsync(string topic, string key, string eventType, Guid? eventId, object payload) =>
        _publisher.PublishAsync(topic, key, eventType, payload, eventId, partition: byKey ? null : 0);

    public void Dispose() => _publisher.Dispose();
}

/// <summary>The snapshot every reservation event carries (docs/events.md).</summary>
internal sealed record ReservationState(
    string ReservationNumber, string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut,
    decimal TotalPrice, string Status, Guid? PaymentId, int Version)
{
    public static ReservationState Placed(string customerId, string roomNumber, DateOnly checkIn, DateOnly checkOut) =>
        new(NewReservationNumber(), customerId, roomNumber, checkIn, checkOut, 100_000m * (checkOut.DayNumber - checkIn.DayNumber), "Held", null, 1);

    public ReservationState Next(string status) => this with
    {
        Status = status,
        PaymentId = status == "Confirmed" ? Guid.NewGuid() : PaymentId,
        Version = Version + 1,
    };

    public static string EventTypeOf(string status) => status switch
    {
        "Held" => "ReservationPlacedIntegrationEvent",
        "Confirmed" => "ReservationConfirmedIntegrationEvent",
        "Cancelled" => "ReservationCancelledIntegrationEvent",
        "Expired" => "ReservationExpiredIntegrationEvent",
        "CheckedOut" => "ReservationCheckedOutIntegrationEvent",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string NewCustomerId() => $"customer-{Guid.NewGuid():N}"[..20];

    private static string NewReservationNumber() => $"R-TEST-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
}
