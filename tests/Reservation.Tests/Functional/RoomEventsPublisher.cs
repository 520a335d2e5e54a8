using Accommodation.Testing.Kafka;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Reservations.Tests.Functional;

/// <summary>Publishes room events as the room context puts them on the wire (docs/events.md).</summary>
internal sealed class RoomEventsPublisher(string bootstrapServers) : IDisposable
{
    public const string Registered = "RoomRegisteredIntegrationEvent";
    public const string Changed = "RoomChangedIntegrationEvent";
    public const string CheckedOut = "RoomCheckedOutIntegrationEvent";

    private readonly IntegrationEventsPublisher _publisher = new(bootstrapServers);

    /// <summary>Publishes on <paramref name="partition"/> when given, else by key as room does.</summary>
    public Task PublishAsync(string key, string eventType, object payload, Guid? eventId = null, int? partition = null) =>
        _publisher.PublishAsync(ReservationApiFactory.RoomEventsTopic, key, eventType, payload, eventId, partition);

    public void Dispose() => _publisher.Dispose();
}

internal static class RoomCatalogSeeding
{
    /// <summary>Registers a room the way room does, and waits until the catalog replica holds it.</summary>
    public static async Task<string> RegisterRoomAsync(this ReservationApiFactory factory, decimal pricePerNight = 100_000m, string? number = null)
    {
        number ??= NewRoomNumber();
        using var publisher = new RoomEventsPublisher(factory.KafkaBootstrapServers);
        await publisher.PublishAsync(number, RoomEventsPublisher.Registered,
            new { number, type = "Deluxe", name = $"Room {number}", pricePerNight, version = 1 });
        await factory.WaitForCatalogAsync(number, version: 1);
        return number;
    }

    public static async Task WaitForCatalogAsync(this ReservationApiFactory factory, string number, int version)
    {
        await Poll.UntilAsync(
            () => factory.InDatabaseAsync(db => db.RoomCatalog.AnyAsync(room => room.Number == number && room.Version >= version)),
            $"room {number} v{version} in the catalog");
    }

    /// <summary>A room number no other test uses (at most 10 characters).</summary>
    public static string NewRoomNumber() => $"T{Guid.NewGuid():N}"[..10].ToUpperInvariant();
}
