using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;
using Accommodation.Testing.Kafka;

namespace Accommodation.Rooms.Tests.Functional;

[Collection(nameof(RoomApiCollection))]
public sealed class CheckOutRoomTests(RoomApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateManagerClient();
    private readonly ReservationEventsPublisher _publisher = new(factory.KafkaBootstrapServers);
    private readonly DateOnly _today = factory.Clock.Today;

    [Fact]
    public async Task Check_out_publishes_RoomCheckedOut_for_the_stay_and_frees_tonight_at_once()
    {
        var number = await _client.RegisterNewRoomAsync();
        // Arrived yesterday, meant to stay until the day after tomorrow.
        var stay = await ConfirmedStayAsync(number, _today.AddDays(-1), _today.AddDays(2));

        var response = await _client.PostAsync($"/api/v1/rooms/{number}/check-out", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(number, accepted.GetProperty("number").GetString());
        Assert.Equal(stay.ReservationNumber, accepted.GetProperty("reservationNumber").GetString());

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, RoomApiFactory.RoomEventsTopic);
        var events = await reader.ReadAsync(number, count: 2);
        Assert.Equal(["RoomRegisteredIntegrationEvent", "RoomCheckedOutIntegrationEvent"], events.Select(e => e.EventType));
        var checkedOut = events[1];
        Assert.Equal(number, checkedOut.Key);
        Assert.Equal(number, checkedOut.Payload.GetProperty("number").GetString());
        Assert.Equal(stay.ReservationNumber, checkedOut.Payload.GetProperty("reservationNumber").GetString());
        Assert.Equal(2, checkedOut.Payload.GetProperty("version").GetInt32());
        Assert.Equal(accepted.GetProperty("checkedOutAt").GetDateTimeOffset(), checkedOut.Payload.GetProperty("checkedOutAt").GetDateTimeOffset());
        Assert.Equal(checkedOut.EventId, checkedOut.Payload.GetProperty("id").GetString());

        // Tonight and tomorrow are free before the reservation context answers; last night stays on the record.
        Assert.Equal(["Unavailable", "Available", "Available"], await _client.NightsAsync(number, _today.AddDays(-1), _today.AddDays(2)));
        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal(("Available", 2), (room.GetProperty("status").GetString(), room.GetProperty("version").GetInt32()));

        // The reservation context closes the stay: every night is free.
        await _publisher.PublishAsync(stay.Next("CheckedOut"));
        await _client.WaitForNightsAsync(number, _today.AddDays(-1), _today.AddDays(2), "Available", "Available", "Available");
    }

    [Fact]
    public async Task Check_out_takes_the_guest_leaving_today_before_the_one_arriving_today()
    {
        var number = await _client.RegisterNewRoomAsync();
        var leaving = await ConfirmedStayAsync(number, _today.AddDays(-2), _today);
        var arriving = await ConfirmedStayAsync(number, _today, _today.AddDays(1));

        var first = await _client.PostAsync($"/api/v1/rooms/{number}/check-out", null);
        var second = await _client.PostAsync($"/api/v1/rooms/{number}/check-out", null);

        Assert.Equal(leaving.ReservationNumber, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservationNumber").GetString());
        Assert.Equal(arriving.ReservationNumber, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservationNumber").GetString());
    }

    [Fact]
    public async Task A_stay_is_checked_out_once()
    {
        var number = await _client.RegisterNewRoomAsync();
        await ConfirmedStayAsync(number, _today.AddDays(-1), _today.AddDays(1));
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsync($"/api/v1/rooms/{number}/check-out", null)).StatusCode);

        await ProblemAssert.IsProblemAsync(await _client.PostAsync($"/api/v1/rooms/{number}/check-out", null), 409);

        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal(2, room.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Concurrent_check_outs_of_one_stay_let_exactly_one_through()
    {
        var number = await _client.RegisterNewRoomAsync();
        await ConfirmedStayAsync(number, _today.AddDays(-1), _today.AddDays(1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.PostAsync($"/api/v1/rooms/{number}/check-out", null)));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Accepted);
        Assert.All(responses.Where(response => response.StatusCode != HttpStatusCode.Accepted),
            response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));
    }

    [Fact]
    public async Task An_unpaid_hold_is_no_stay_to_check_out()
    {
        var number = await _client.RegisterNewRoomAsync();
        var held = ReservationState.Placed(number, _today.AddDays(-1), _today.AddDays(1));
        await _publisher.PublishAsync(held);
        await factory.WaitForReservationAsync(held.ReservationNumber, 1);

        var problem = await ProblemAssert.IsProblemAsync(await _client.PostAsync($"/api/v1/rooms/{number}/check-out", null), 409);

        Assert.Contains(number, problem.GetProperty("detail").GetString());
        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal(("Unavailable", 1), (room.GetProperty("status").GetString(), room.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_stay_that_has_not_begun_or_is_over_is_no_stay_to_check_out()
    {
        var number = await _client.RegisterNewRoomAsync();
        await ConfirmedStayAsync(number, _today.AddDays(1), _today.AddDays(3));
        await ConfirmedStayAsync(number, _today.AddDays(-3), _today.AddDays(-1));

        await ProblemAssert.IsProblemAsync(await _client.PostAsync($"/api/v1/rooms/{number}/check-out", null), 409);
    }

    [Fact]
    public async Task An_empty_room_has_nothing_to_check_out() =>
        await ProblemAssert.IsProblemAsync(await _client.PostAsync($"/api/v1/rooms/{await _client.RegisterNewRoomAsync()}/check-out", null), 409);

    [Fact]
    public async Task Check_out_of_an_unknown_room_is_a_404_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.PostAsync($"/api/v1/rooms/{RoomScenarios.NewRoomNumber()}/check-out", null), 404);

    [Fact]
    public async Task Check_out_of_a_number_that_cannot_exist_is_a_400_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/api/v1/rooms/much-too-long-number/check-out", null), 400);

    private async Task<ReservationState> ConfirmedStayAsync(string number, DateOnly checkIn, DateOnly checkOut)
    {
        var confirmed = ReservationState.Placed(number, checkIn, checkOut).Next("Confirmed");
        await _publisher.PublishAsync(confirmed);
        await factory.WaitForReservationAsync(confirmed.ReservationNumber, 2);
        return confirmed;
    }


    public void Dispose() => _publisher.Dispose();
}
