using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing.Kafka;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class ReserveTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Fact]
    public async Task Reserve_returns_201_held_at_nights_times_the_catalog_price_and_publishes_ReservationPlaced()
    {
        var room = await factory.RegisterRoomAsync(pricePerNight: 120_000.50m);
        var checkIn = ReservationScenarios.Day(20);

        var client = factory.CreateCustomerClient("kim.minji");

        var response = await client.ReserveAsync(room.ToLowerInvariant(), checkIn, checkIn.AddDays(3));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reservation = await response.Content.ReadFromJsonAsync<JsonElement>();
        var number = reservation.Number();
        Assert.Matches($"^R-{ReservationScenarios.Today:yyyyMMdd}-[0-9A-HJKMNP-TV-Z]{{6}}$", number);
        Assert.Equal($"/api/v1/reservations/{number}", response.Headers.Location?.OriginalString);
        Assert.Equal("Held", reservation.Status());
        Assert.Equal(room, reservation.GetProperty("roomNumber").GetString());
        Assert.Equal("kim.minji", reservation.GetProperty("customerId").GetString());
        Assert.Equal(checkIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reservation.GetProperty("checkIn").GetString());
        Assert.Equal(3, reservation.GetProperty("nights").GetInt32());
        Assert.Equal(360_001.50m, reservation.GetProperty("totalPrice").GetDecimal());
        Assert.Equal(1, reservation.GetProperty("version").GetInt32());
        var placedAt = reservation.GetProperty("placedAt").GetDateTimeOffset();
        var holdExpiresAt = reservation.GetProperty("holdExpiresAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(15), holdExpiresAt - placedAt);

        var read = await client.GetReservationAsync(number);
        Assert.Equal("Held", read.Status());
        Assert.Equal(360_001.50m, read.GetProperty("totalPrice").GetDecimal());

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, ReservationApiFactory.ReservationEventsTopic);
        var placed = Assert.Single(await reader.ReadAsync(number, count: 1));
        Assert.Equal("ReservationPlacedIntegrationEvent", placed.EventType);
        Assert.Equal(placed.EventId, placed.Payload.GetProperty("id").GetString());
        Assert.Equal(number, placed.Payload.GetProperty("reservationNumber").GetString());
        Assert.Equal("kim.minji", placed.Payload.GetProperty("customerId").GetString());
        Assert.Equal(room, placed.Payload.GetProperty("roomNumber").GetString());
        Assert.Equal(checkIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), placed.Payload.GetProperty("checkIn").GetString());
        Assert.Equal(checkIn.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), placed.Payload.GetProperty("checkOut").GetString());
        Assert.Equal(360_001.50m, placed.Payload.GetProperty("totalPrice").GetDecimal());
        Assert.Equal("Held", placed.Payload.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, placed.Payload.GetProperty("paymentId").ValueKind);
        Assert.Equal(1, placed.Payload.GetProperty("version").GetInt32());
        Assert.Equal(holdExpiresAt, placed.Payload.GetProperty("holdExpiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_stay_may_start_today_and_last_30_nights()
    {
        var room = await factory.RegisterRoomAsync(pricePerNight: 1_000m);

        var reservation = await _client.ReservedAsync(room, ReservationScenarios.Today, ReservationScenarios.Day(30));

        Assert.Equal(30, reservation.GetProperty("nights").GetInt32());
        Assert.Equal(30_000m, reservation.GetProperty("totalPrice").GetDecimal());
    }

    [Fact]
    public async Task A_customer_lists_their_reservations_newest_first()
    {
        var customer = $"c-{Guid.NewGuid():N}";
        var client = factory.CreateCustomerClient(customer);
        var room = await factory.RegisterRoomAsync();
        var first = await client.ReservedAsync(room, ReservationScenarios.Day(1), ReservationScenarios.Day(2));
        var second = await client.ReservedAsync(room, ReservationScenarios.Day(2), ReservationScenarios.Day(3));
        await factory.CreateCustomerClient("someone-else").ReservedAsync(room, ReservationScenarios.Day(3), ReservationScenarios.Day(4));

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reservations?customerId={customer}");

        Assert.Equal(2, page.GetProperty("count").GetInt32());
        Assert.Equal([second.Number(), first.Number()], page.GetProperty("data").EnumerateArray().Select(r => r.Number()));
    }
}
