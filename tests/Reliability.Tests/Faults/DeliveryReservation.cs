using System.Globalization;
using Accommodation.Testing.Kafka;

namespace Reliability.Tests.Faults;

/// <summary>
/// A reservation that exists only in the events a test publishes, shaped as reservation publishes them (docs/events.md):
/// room, roomview, payment and notification take it for a real one.
/// </summary>
public sealed record DeliveryReservation(
    string Number, string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut, decimal TotalPrice)
{
    public const string Topic = "reservation-events";

    public static DeliveryReservation New(string customerId, string roomNumber, DateOnly checkIn, int nights = 2) => new(
        string.Create(CultureInfo.InvariantCulture, $"R-{checkIn:yyyyMMdd}-{Guid.NewGuid():N}")[..17].ToUpperInvariant(),
        customerId, roomNumber, checkIn, checkIn.AddDays(nights), nights * 50_000m);

    public DeliveryEvent Placed() =>
        Event("ReservationPlacedIntegrationEvent", "Held", 1, paymentId: null, ("holdExpiresAt", DateTimeOffset.UtcNow.AddMinutes(15)));

    public DeliveryEvent Confirmed(Guid paymentId) => Event("ReservationConfirmedIntegrationEvent", "Confirmed", 2, paymentId);

    public DeliveryEvent Cancelled(Guid paymentId) =>
        Event("ReservationCancelledIntegrationEvent", "Cancelled", 3, paymentId, ("cancelledAt", DateTimeOffset.UtcNow));

    private DeliveryEvent Event(string eventType, string status, int version, Guid? paymentId, params (string Name, object? Value)[] extra) =>
        new(Number, eventType, Guid.CreateVersion7(),
            ReservationEventPayload.Of(Number, CustomerId, RoomNumber, CheckIn, CheckOut, TotalPrice, status, version, paymentId, extra));
}

/// <summary>One event of a <see cref="DeliveryReservation"/>: every copy a test publishes carries the same id.</summary>
public sealed record DeliveryEvent(string Key, string EventType, Guid Id, IReadOnlyDictionary<string, object?> Payload)
{
    /// <summary>By key, as reservation publishes, unless <paramref name="partition"/> puts the copy elsewhere.</summary>
    public Task PublishAsync(IntegrationEventsPublisher publisher, int? partition = null) =>
        publisher.PublishAsync(DeliveryReservation.Topic, Key, EventType, Payload, Id, partition);
}
