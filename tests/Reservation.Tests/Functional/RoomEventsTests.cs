using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Messaging;
using Accommodation.Testing.Kafka;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class RoomEventsTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Fact]
    public async Task The_catalog_keeps_the_newest_room_version_whatever_order_the_events_arrive_in()
    {
        var room = RoomCatalogSeeding.NewRoomNumber();
        var marker = RoomCatalogSeeding.NewRoomNumber();
        using var publisher = new RoomEventsPublisher(factory.KafkaBootstrapServers);
        var duplicateId = Guid.CreateVersion7();

        // One partition, so once the marker is applied every earlier event has been handled.
        await publisher.PublishAsync(room, RoomEventsPublisher.Registered, Room(room, 100_000m, 1), partition: 0);
        await publisher.PublishAsync(room, RoomEventsPublisher.Changed, Room(room, 150_000m, 3), duplicateId, partition: 0);
        await publisher.PublishAsync(room, RoomEventsPublisher.Changed, Room(room, 120_000m, 2), partition: 0);
        await publisher.PublishAsync(room, RoomEventsPublisher.Changed, Room(room, 150_000m, 3), duplicateId, partition: 0);
        await publisher.PublishAsync(marker, RoomEventsPublisher.Registered, Room(marker, 1m, 1), partition: 0);
        await factory.WaitForCatalogAsync(marker, version: 1);

        var entry = await factory.InDatabaseAsync(db => db.RoomCatalog.SingleAsync(r => r.Number == room));
        Assert.Equal((3, 150_000m), (entry.Version, entry.PricePerNight));
        var reservation = await _client.ReservedAsync(room, ReservationScenarios.Day(1), ReservationScenarios.Day(3));
        Assert.Equal(300_000m, reservation.GetProperty("totalPrice").GetDecimal());
    }

    [Fact]
    public async Task A_price_change_prices_new_reservations_but_not_earlier_ones()
    {
        var room = await factory.RegisterRoomAsync(pricePerNight: 100_000m);
        var earlier = await _client.ReservedAsync(room, ReservationScenarios.Day(1), ReservationScenarios.Day(2));
        using var publisher = new RoomEventsPublisher(factory.KafkaBootstrapServers);

        await publisher.PublishAsync(room, RoomEventsPublisher.Changed, Room(room, 90_000m, 2));
        await factory.WaitForCatalogAsync(room, version: 2);

        var later = await _client.ReservedAsync(room, ReservationScenarios.Day(2), ReservationScenarios.Day(3));
        Assert.Equal(90_000m, later.GetProperty("totalPrice").GetDecimal());
        Assert.Equal(100_000m, (await _client.GetReservationAsync(earlier.Number())).GetProperty("totalPrice").GetDecimal());
    }

    [Fact]
    public async Task RoomCheckedOut_checks_the_named_reservation_out_once_even_when_delivered_again()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await _client.ReservedAsync(room, ReservationScenarios.Today, ReservationScenarios.Day(2))).Number();
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(number, "pay")).StatusCode);
        var checkedOutAt = new DateTimeOffset(2026, 12, 26, 2, 30, 0, TimeSpan.Zero);
        var eventId = Guid.CreateVersion7();
        var laterEventId = Guid.CreateVersion7();
        using var publisher = new RoomEventsPublisher(factory.KafkaBootstrapServers);
        var checkOut = new { number = room, reservationNumber = number, checkedOutAt, version = 2 };

        await publisher.PublishAsync(room, RoomEventsPublisher.CheckedOut, checkOut, eventId);
        await publisher.PublishAsync(room, RoomEventsPublisher.CheckedOut, checkOut, eventId);
        // A second check-out of the same stay with its own event id: the reservation is already closed.
        await publisher.PublishAsync(room, RoomEventsPublisher.CheckedOut, checkOut with { version = 3 }, laterEventId);

        await Poll.UntilAsync(async () => (await _client.GetReservationAsync(number)).Status() == "CheckedOut", $"{number} checked out");
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, ReservationApiFactory.ReservationEventsTopic);
        var events = await reader.ReadAsync(number, count: 3);
        Assert.Equal("ReservationCheckedOutIntegrationEvent", events[2].EventType);
        Assert.Equal(checkedOutAt, events[2].Payload.GetProperty("checkedOutAt").GetDateTimeOffset());
        await Poll.UntilAsync(
            () => factory.InDatabaseAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.EventId == laterEventId)),
            "the later check-out event handled");
        Assert.Equal(1, await factory.InDatabaseAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == eventId)));
        Assert.Equal(3, await factory.OutboxCountAsync(number));
        Assert.Equal(3, (await _client.GetReservationAsync(number)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task RoomCheckedOut_of_a_reservation_that_is_not_confirmed_leaves_it_as_it_is()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await _client.ReservedAsync(room, ReservationScenarios.Today, ReservationScenarios.Day(1))).Number();
        var eventId = Guid.CreateVersion7();
        using var publisher = new RoomEventsPublisher(factory.KafkaBootstrapServers);

        await publisher.PublishAsync(room, RoomEventsPublisher.CheckedOut,
            new { number = room, reservationNumber = number, checkedOutAt = DateTimeOffset.UtcNow, version = 2 }, eventId);

        await Poll.UntilAsync(
            () => factory.InDatabaseAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.EventId == eventId)),
            "the check-out event handled");
        var reservation = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{number}");
        Assert.Equal(("Held", 1), (reservation.Status(), reservation.GetProperty("version").GetInt32()));
        Assert.Equal(1, await factory.OutboxCountAsync(number));
    }

    private static object Room(string number, decimal pricePerNight, int version) =>
        new { number, type = "Deluxe", name = $"Room {number} v{version}", pricePerNight, version };
}
