using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;
using Accommodation.Testing.Kafka;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class CancelAndCheckOutTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();
    private readonly HttpClient _manager = factory.CreateManagerClient();

    [Fact]
    public async Task Cancelling_a_held_reservation_publishes_ReservationCancelled_and_a_second_cancel_is_409()
    {
        var number = (await ReservedAsync()).Number();

        var response = await _client.ActAsync(number, "cancel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Cancelled", 2), (cancelled.Status(), cancelled.GetProperty("version").GetInt32()));
        var cancelledAt = cancelled.GetProperty("cancelledAt").GetDateTimeOffset();
        await ProblemAssert.IsProblemAsync(await _client.ActAsync(number, "cancel"), 409);

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, ReservationApiFactory.ReservationEventsTopic);
        var events = await reader.ReadAsync(number, count: 2);
        Assert.Equal("ReservationCancelledIntegrationEvent", events[1].EventType);
        Assert.Equal("Cancelled", events[1].Payload.GetProperty("status").GetString());
        Assert.Equal(2, events[1].Payload.GetProperty("version").GetInt32());
        Assert.Equal(cancelledAt, events[1].Payload.GetProperty("cancelledAt").GetDateTimeOffset());
        Assert.Equal(2, await factory.OutboxCountAsync(number));
    }

    [Fact]
    public async Task A_confirmed_reservation_can_be_cancelled_and_then_not_checked_out()
    {
        var number = (await ReservedAsync()).Number();
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(number, "pay")).StatusCode);

        var cancelled = await _client.ActAsync(number, "cancel");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var reservation = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Cancelled", 3), (reservation.Status(), reservation.GetProperty("version").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, reservation.GetProperty("paymentId").ValueKind);
        await ProblemAssert.IsProblemAsync(await _manager.ActAsync(number, "check-out"), 409);
    }

    [Fact]
    public async Task Checking_out_a_confirmed_stay_publishes_ReservationCheckedOut_and_closes_it()
    {
        var number = (await ReservedAsync()).Number();
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(number, "pay")).StatusCode);

        var response = await _manager.ActAsync(number, "check-out");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checkedOut = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("CheckedOut", 3), (checkedOut.Status(), checkedOut.GetProperty("version").GetInt32()));
        await ProblemAssert.IsProblemAsync(await _manager.ActAsync(number, "check-out"), 409);
        await ProblemAssert.IsProblemAsync(await _client.ActAsync(number, "cancel"), 409);
        await ProblemAssert.IsProblemAsync(await _client.ActAsync(number, "pay"), 409);

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, ReservationApiFactory.ReservationEventsTopic);
        var events = await reader.ReadAsync(number, count: 3);
        Assert.Equal(
            ["ReservationPlacedIntegrationEvent", "ReservationConfirmedIntegrationEvent", "ReservationCheckedOutIntegrationEvent"],
            events.Select(e => e.EventType));
        Assert.Equal([1, 2, 3], events.Select(e => e.Payload.GetProperty("version").GetInt32()));
        Assert.Equal(checkedOut.GetProperty("checkedOutAt").GetDateTimeOffset(), events[2].Payload.GetProperty("checkedOutAt").GetDateTimeOffset());
        Assert.Equal(3, await factory.OutboxCountAsync(number));
    }

    [Fact]
    public async Task A_held_reservation_cannot_be_checked_out()
    {
        var number = (await ReservedAsync()).Number();

        var problem = await ProblemAssert.IsProblemAsync(await _manager.ActAsync(number, "check-out"), 409);

        Assert.Contains("Held", problem.GetProperty("detail").GetString());
        Assert.Equal("Held", (await _client.GetReservationAsync(number)).Status());
        Assert.Equal(1, await factory.OutboxCountAsync(number));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("check-out")]
    public async Task An_unknown_reservation_is_404(string action) =>
        await ProblemAssert.IsProblemAsync(await (action == "check-out" ? _manager : _client).ActAsync("R-20000101-000000", action), 404);

    private async Task<JsonElement> ReservedAsync()
    {
        var room = await factory.RegisterRoomAsync();
        return await _client.ReservedAsync(room, ReservationScenarios.Day(3), ReservationScenarios.Day(5));
    }
}
