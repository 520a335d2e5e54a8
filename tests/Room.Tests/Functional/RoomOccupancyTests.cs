using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Messaging;
using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Infrastructure;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Rooms.Tests.Functional;

/// <summary>Reservation events drive each room's nights: live reservations hold them, the others free them.</summary>
[Collection(nameof(RoomApiCollection))]
public sealed class RoomOccupancyTests(RoomApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateManagerClient();
    private readonly ReservationEventsPublisher _publisher = new(factory.KafkaBootstrapServers);
    private readonly DateOnly _today = factory.Clock.Today;

    [Fact]
    public async Task A_placed_reservation_makes_its_nights_and_tonight_unavailable()
    {
        var number = await _client.RegisterNewRoomAsync();
        // Stay [today, today+2): nights today and tomorrow.
        var placed = ReservationState.Placed(number, _today, _today.AddDays(2));

        await _publisher.PublishAsync(placed);

        await _client.WaitForNightsAsync(number, _today.AddDays(-1), _today.AddDays(3), "Available", "Unavailable", "Unavailable", "Available");
        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal("Unavailable", room.GetProperty("status").GetString());
        var listed = await _client.GetFromJsonAsync<JsonElement>("/api/v1/rooms?pageSize=100");
        Assert.Contains(listed.GetProperty("data").EnumerateArray(),
            item => item.GetProperty("number").GetString() == number && item.GetProperty("status").GetString() == "Unavailable");
    }

    [Theory]
    [InlineData("Cancelled")]
    [InlineData("Expired")]
    [InlineData("CheckedOut")]
    public async Task A_reservation_that_ends_frees_its_nights(string endStatus)
    {
        var number = await _client.RegisterNewRoomAsync();
        var placed = ReservationState.Placed(number, _today, _today.AddDays(2));
        var confirmed = placed.Next("Confirmed");
        await _publisher.PublishAsync(placed);
        await _publisher.PublishAsync(confirmed);
        await factory.WaitForReservationAsync(placed.ReservationNumber, 2);

        await _publisher.PublishAsync(confirmed.Next(endStatus));

        await _client.WaitForNightsAsync(number, _today, _today.AddDays(2), "Available", "Available");
        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal("Available", room.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_events_end_in_the_newest_state()
    {
        var number = await _client.RegisterNewRoomAsync();
        var placed = ReservationState.Placed(number, _today.AddDays(10), _today.AddDays(13));
        var confirmed = placed.Next("Confirmed");
        var cancelled = confirmed.Next("Cancelled");
        var placedId = Guid.CreateVersion7();

        // Cancelled v3 overtakes Confirmed v2 and Placed v1; Placed comes twice under one id and once more as a copy.
        await _publisher.PublishAsync(cancelled);
        await _publisher.PublishAsync(confirmed);
        await _publisher.PublishAsync(placed, placedId);
        await _publisher.PublishAsync(placed, placedId);
        await _publisher.PublishAsync(placed);
        await factory.PublishSentinelAndWaitAsync(_publisher);

        Assert.Equal(["Available", "Available", "Available"], await _client.NightsAsync(number, _today.AddDays(10), _today.AddDays(13)));
        var stored = await factory.StoredReservationAsync(placed.ReservationNumber);
        Assert.Equal((3, ReservationStatus.Cancelled), (stored!.Version, stored.Status));
        Assert.Empty(stored.Nights);
        Assert.Equal(1, await InboxCountAsync(placedId));
    }

    [Fact]
    public async Task Confirmed_before_placed_holds_the_nights_at_the_confirmed_version()
    {
        var number = await _client.RegisterNewRoomAsync();
        var placed = ReservationState.Placed(number, _today.AddDays(20), _today.AddDays(22));

        await _publisher.PublishAsync(placed.Next("Confirmed"));
        await _publisher.PublishAsync(placed);
        await factory.PublishSentinelAndWaitAsync(_publisher);

        Assert.Equal(["Unavailable", "Unavailable"], await _client.NightsAsync(number, _today.AddDays(20), _today.AddDays(22)));
        var stored = await factory.StoredReservationAsync(placed.ReservationNumber);
        Assert.Equal((2, ReservationStatus.Confirmed), (stored!.Version, stored.Status));
        Assert.All(stored.Nights, night => Assert.Equal(2, night.ReservationVersion));
    }

    [Fact]
    public async Task A_cancellation_arriving_after_the_next_reservation_of_the_night_leaves_the_night_held()
    {
        var number = await _client.RegisterNewRoomAsync();
        var first = ReservationState.Placed(number, _today.AddDays(30), _today.AddDays(31));
        var second = ReservationState.Placed(number, _today.AddDays(30), _today.AddDays(32));
        await _publisher.PublishAsync(first);
        await factory.WaitForReservationAsync(first.ReservationNumber, 1);

        // The reservation context cancelled the first before it placed the second, but its event comes later.
        await _publisher.PublishAsync(second);
        await _publisher.PublishAsync(first.Next("Cancelled"));
        await factory.WaitForReservationAsync(first.ReservationNumber, 2);

        Assert.Equal(["Unavailable", "Unavailable", "Available"], await _client.NightsAsync(number, _today.AddDays(30), _today.AddDays(33)));
    }

    [Fact]
    public async Task Nights_of_an_unknown_room_are_a_404_problem() =>
        await ProblemAssert.IsProblemAsync(
            await _client.GetAsync($"/api/v1/rooms/{RoomScenarios.NewRoomNumber()}/nights?from=2031-03-10&to=2031-03-12"), 404);

    [Theory]
    [InlineData("", "from")]
    [InlineData("from=2031-03-10", "to")]
    [InlineData("to=2031-03-10", "from")]
    [InlineData("from=2031-03-10&to=2031-03-10", "to")]
    [InlineData("from=2031-03-10&to=2031-03-09", "to")]
    [InlineData("from=2031-03-10&to=2031-06-09", "to")]
    [InlineData("from=2031-13-10&to=2031-03-12", null)]
    [InlineData("from=yesterday&to=2031-03-12", null)]
    public async Task A_bad_range_of_nights_is_a_400_problem(string query, string? field)
    {
        var number = await _client.RegisterNewRoomAsync();

        var problem = await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/rooms/{number}/nights?{query}"), 400);

        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        }
    }

    [Fact]
    public async Task Ninety_nights_is_the_longest_range()
    {
        var number = await _client.RegisterNewRoomAsync();

        var nights = await _client.NightsAsync(number, _today, _today.AddDays(90));

        Assert.Equal(90, nights.Count);
        Assert.All(nights, status => Assert.Equal("Available", status));
    }


    private async Task<int> InboxCountAsync(Guid eventId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoomDbContext>().Set<InboxMessage>().CountAsync(message => message.EventId == eventId);
    }

    public void Dispose() => _publisher.Dispose();
}
