using Accommodation.Testing.Kafka;

namespace Accommodation.Payments.Tests.Functional;

/// <summary>Publishes reservation events exactly as the contract puts them on the wire, as the reservation context would.</summary>
internal sealed class ReservationEventsPublisher(string bootstrapServers) : IDisposable
{
    // All on one partition, so "this later message was handled" means "every earlier one was handled" too.
    private const int Partition = 0;

    private readonly IntegrationEventsPublisher _publisher = new(bootstrapServers);

    public Task PublishAsync(string eventType, Guid eventId, ReservationSnapshot reservation) =>
        _publisher.PublishAsync(PaymentApiFactory.ReservationEventsTopic, reservation.ReservationNumber, eventType, reservation, eventId, Partition);

    public void Dispose() => _publisher.Dispose();
}

/// <summary>The reservation snapshot every reservation event carries (events.md), with the cancellation's instant.</summary>
internal sealed record ReservationSnapshot(
    string ReservationNumber,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    decimal TotalPrice,
    string Status,
    Guid? PaymentId,
    int Version,
    DateTimeOffset? CancelledAt = null);

internal static class ReservationEventTypes
{
    public const string Confirmed = "ReservationConfirmedIntegrationEvent";
    public const string Cancelled = "ReservationCancelledIntegrationEvent";
    public const string Expired = "ReservationExpiredIntegrationEvent";
}
