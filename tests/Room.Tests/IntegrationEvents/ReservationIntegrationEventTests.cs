using System.Text;
using System.Text.Json;
using Accommodation.Messaging;
using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.IntegrationEvents.Events;

namespace Accommodation.Rooms.Tests.IntegrationEvents;

public sealed class ReservationIntegrationEventTests
{
    private const string Confirmed = """
        {"id":"0195f0a2-1111-7000-8000-000000000001","occurredAt":"2031-03-01T10:00:00+09:00",
         "reservationNumber":"R-20310310-7F3K9Q","customerId":"c-1","roomNumber":"a-101",
         "checkIn":"2031-03-10","checkOut":"2031-03-12","totalPrice":240000,"status":"Confirmed",
         "paymentId":"0195f0a2-2222-7000-8000-000000000002","version":2}
        """;

    [Fact]
    public void The_published_json_reads_as_a_snapshot_with_the_room_number_normalized()
    {
        var @event = Deserialize<ReservationConfirmedIntegrationEvent>(Confirmed);

        Assert.Equal(
            new ReservationSnapshot("R-20310310-7F3K9Q", RoomNumber.Parse("A-101"), new DateOnly(2031, 3, 10), new DateOnly(2031, 3, 12), ReservationStatus.Confirmed, 2),
            @event.ToSnapshot());
    }

    [Theory]
    [InlineData("\"status\":\"Confirmed\"", "\"status\":\"Paid\"")]
    [InlineData("\"status\":\"Confirmed\"", "\"status\":\"1\"")]
    [InlineData("\"roomNumber\":\"a-101\"", "\"roomNumber\":\"no room\"")]
    public void A_snapshot_with_an_unknown_status_or_an_impossible_room_is_refused(string field, string replacement) =>
        Assert.Throws<RoomDomainException>(() => Deserialize<ReservationConfirmedIntegrationEvent>(Confirmed.Replace(field, replacement, StringComparison.Ordinal)).ToSnapshot());

    [Fact]
    public void A_payload_without_a_snapshot_field_does_not_deserialize() =>
        Assert.Throws<JsonException>(() => Deserialize<ReservationConfirmedIntegrationEvent>(Confirmed.Replace("\"version\":2", "\"versio\":2", StringComparison.Ordinal)));

    private static TEvent Deserialize<TEvent>(string json) where TEvent : IntegrationEvent =>
        (TEvent)IntegrationEventSerializer.Deserialize(Encoding.UTF8.GetBytes(json), typeof(TEvent));
}
