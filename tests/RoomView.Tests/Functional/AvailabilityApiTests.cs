using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.RoomView.Tests.Functional;

[Collection(nameof(RoomViewCollection))]
public sealed class AvailabilityApiTests(RoomViewFactory factory) : IDisposable
{
    private static readonly DateOnly Day = new(2031, 5, 1);

    // Availability is public; the sentinels are read back from customers' reservations, which a manager may read.
    private readonly HttpClient _client = factory.CreateClient();
    private readonly HttpClient _manager = factory.CreateManagerClient();
    private readonly RoomEventsPublisher _rooms = new(factory.KafkaBootstrapServers);
    private readonly BookingEventsPublisher _bookings = new(factory.KafkaBootstrapServers);

    [Fact]
    public async Task A_placed_reservation_makes_its_nights_unavailable_and_a_cancellation_frees_them()
    {
        var number = await RegisterRoomAsync();
        var placed = ReservationState.Placed(ReservationState.NewCustomerId(), number, Day.AddDays(1), Day.AddDays(3));

        await _bookings.PublishAsync(placed);
        await _client.WaitForAvailabilityAsync(number, Day, Day.AddDays(4), "Available", "Unavailable", "Unavailable", "Available");

        await _bookings.PublishAsync(placed.Next("Confirmed"));
        await _bookings.PublishAsync(placed.Next("Confirmed").Next("Cancelled"));
        await _client.WaitForAvailabilityAsync(number, Day, Day.AddDays(4), "Available", "Available", "Available", "Available");
    }

    [Theory]
    [InlineData("Expired")]
    [InlineData("CheckedOut")]
    public async Task Expiry_and_check_out_free_the_nights(string endStatus)
    {
        var number = await RegisterRoomAsync();
        var placed = ReservationState.Placed(ReservationState.NewCustomerId(), number, Day, Day.AddDays(2));
        await _bookings.PublishAsync(placed);
        await _client.WaitForAvailabilityAsync(number, Day, Day.AddDays(2), "Unavailable", "Unavailable");

        await _bookings.PublishAsync(placed.Next(endStatus));

        await _client.WaitForAvailabilityAsync(number, Day, Day.AddDays(2), "Available", "Available");
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_events_end_in_the_newest_state()
    {
        var number = await RegisterRoomAsync();
        var placed = ReservationState.Placed(ReservationState.NewCustomerId(), number, Day, Day.AddDays(2));
        var confirmed = placed.Next("Confirmed");
        var placedId = Guid.CreateVersion7();

        // Cancelled v3 first, then Confirmed v2, then Placed v1 twice under one id.
        await _bookings.PublishAsync(confirmed.Next("Cancelled"));
        await _bookings.PublishAsync(confirmed);
        await _bookings.PublishAsync(placed, placedId);
        await _bookings.PublishAsync(placed, placedId);
        await _manager.PublishSentinelsAndWaitAsync(_bookings);

        Assert.Equal(["Available", "Available"], await _client.AvailabilityAsync(number, Day, Day.AddDays(2)));
    }

    [Fact]
    public async Task A_cancellation_arriving_after_the_next_reservation_of_the_night_leaves_the_night_held()
    {
        var number = await RegisterRoomAsync();
        var first = ReservationState.Placed(ReservationState.NewCustomerId(), number, Day, Day.AddDays(1));
        var second = ReservationState.Placed(ReservationState.NewCustomerId(), number, Day, Day.AddDays(2));

        await _bookings.PublishAsync(first);
        await _bookings.PublishAsync(second);
        await _bookings.PublishAsync(first.Next("Cancelled"));
        await _manager.PublishSentinelsAndWaitAsync(_bookings);

        Assert.Equal(["Unavailable", "Unavailable", "Available"], await _client.AvailabilityAsync(number, Day, Day.AddDays(3)));
    }

    [Fact]
    public async Task Availability_of_a_room_the_view_does_not_know_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/v1/roominfos/{RoomInfoPolling.NewRoomNumber()}/availability?from=2031-05-01&to=2031-05-02");

        await ProblemAssert.IsProblemAsync(response, 404);
    }

    [Theory]
    [InlineData("", "from")]
    [InlineData("from=2031-05-01", "to")]
    [InlineData("from=2031-05-01&to=2031-05-01", "to")]
    [InlineData("from=2031-05-02&to=2031-05-01", "to")]
    [InlineData("from=2031-05-01&to=2031-07-31", "to")]
    [InlineData("from=2031-02-30&to=2031-05-01", null)]
    [InlineData("from=soon&to=2031-05-01", null)]
    public async Task A_bad_range_of_nights_is_a_400_problem(string query, string? field)
    {
        var number = await RegisterRoomAsync();

        var problem = await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/roominfos/{number}/availability?{query}"), 400);

        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        }
    }

    [Fact]
    public async Task Ninety_nights_is_the_longest_range_and_each_night_is_listed_once()
    {
        var number = await RegisterRoomAsync();

        var availability = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/roominfos/{number.ToLowerInvariant()}/availability?from=2031-05-01&to=2031-07-30");

        Assert.Equal(number, availability.GetProperty("number").GetString());
        var nights = availability.GetProperty("nights").EnumerateArray().ToList();
        Assert.Equal(90, nights.Count);
        Assert.Equal("2031-05-01", nights[0].GetProperty("night").GetString());
        Assert.Equal("2031-07-29", nights[^1].GetProperty("night").GetString());
    }

    private async Task<string> RegisterRoomAsync()
    {
        var number = RoomInfoPolling.NewRoomNumber();
        await _rooms.PublishAsync(RoomEventTypes.Registered, new RoomState(number, "Deluxe", "Ocean view", 100_000m, 1));
        await _client.WaitForVersionAsync(number, 1);
        return number;
    }

    public void Dispose()
    {
        _rooms.Dispose();
        _bookings.Dispose();
    }
}
