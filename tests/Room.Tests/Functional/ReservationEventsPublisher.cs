using Accommodation.Testing.Kafka;

namespace Accommodation.Rooms.Tests.Functional;

/// <summary>Publishes reservation events exactly as the contract puts them on the wire, as the reservation context would.</summary>
internal sealed class ReservationEventsPublisher(string bootstrapServers) : IDisposable
{
    // All on one partition, so "this later event was handled" means "every earlier one was handled" too.
    private const int Partition = 0;

    private readonly IntegrationEventsPublisher _publisher = new(bootstrapServers);

    /// <summary>Publishes <paramref name="reservation"/> as the record its status is announced by; returns the event id.</summary>
    public Task<Guid> PublishAsync(ReservationState reservation, Guid? eventId = null) =>
        _publisher.PublishAsync(RoomApiFactory.ReservationEventsTopic, reservation.ReservationNumber,
            ReservationState.EventTypeOf(reservation.Status), reservation, eventId, Partition);

    public Task PublishRawAsync(string key, string eventType, Guid eventId, object payload) =>
        _publisher.PublishAsync(RoomApiFactory.ReservationEventsTopic, key, eventType, payload, eventId, Partition);

    public void Dispose() => _publisher.Dispose();
}

/// <summary>The snapshot every reservation event carries (docs/events.md).</summary>
internal sealed record ReservationState(
    string ReservationNumber, string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut,
    decimal TotalPrice, string Status, Guid? PaymentId, int Version)
{
    public static ReservationState Placed(string roomNumber, DateOnly checkIn, DateOnly checkOut) =>
        new(NewReservationNumber(), "customer-1", roomNumber, checkIn, checkOut, 100_000m * (checkOut.DayNumber - checkIn.DayNumber), "Held", null, 1);

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

    private static string NewReservationNumber() => $"R-TEST-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
}
