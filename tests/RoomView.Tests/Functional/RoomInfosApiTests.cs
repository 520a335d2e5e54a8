using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.RoomView.Tests.Functional;

[Collection(nameof(RoomViewCollection))]
public sealed class RoomInfosApiTests(RoomViewFactory factory) : IDisposable
{
    // No token: room browsing is public.
    private readonly HttpClient _client = factory.CreateClient();
    private readonly RoomEventsPublisher _publisher = new(factory.KafkaBootstrapServers);

    [Fact]
    public async Task A_registered_room_shows_up_by_number_and_in_the_list()
    {
        var number = RoomInfoPolling.NewRoomNumber();

        await _publisher.PublishAsync(RoomEventTypes.Registered, new RoomState(number, "Deluxe", "Ocean view", 120_000m, 1));

        var roomInfo = await _client.WaitForVersionAsync(number, 1);
        Assert.Equal(number, roomInfo.GetProperty("number").GetString());
        Assert.Equal("Deluxe", roomInfo.GetProperty("type").GetString());
        Assert.Equal("Ocean view", roomInfo.GetProperty("name").GetString());
        Assert.Equal(120_000m, roomInfo.GetProperty("pricePerNight").GetDecimal());
        var all = await _client.GetFromJsonAsync<JsonElement[]>("/api/v1/roominfos");
        Assert.Contains(all!, room => room.GetProperty("number").GetString() == number);
    }

    [Fact]
    public async Task A_change_replaces_the_state_of_the_room()
    {
        var number = RoomInfoPolling.NewRoomNumber();

        await _publisher.PublishAsync(RoomEventTypes.Registered, new RoomState(number, "Suite", "Garden suite", 200_000m, 1));
        await _publisher.PublishAsync(RoomEventTypes.Changed, new RoomState(number, "Suite", "Rose suite", 210_000m, 2));

        var roomInfo = await _client.WaitForVersionAsync(number, 2);
        Assert.Equal(("Rose suite", 210_000m), (roomInfo.GetProperty("name").GetString(), roomInfo.GetProperty("pricePerNight").GetDecimal()));
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_events_end_in_the_latest_state()
    {
        var number = RoomInfoPolling.NewRoomNumber();
        var registered = Guid.CreateVersion7();
        var changedToV2 = Guid.CreateVersion7();
        var v1 = new RoomState(number, "Family", "Family room", 150_000m, 1);
        var v2 = v1 with { Name = "Family room with balcony", Version = 2 };
        var v3 = v2 with { PricePerNight = 160_000m, Version = 3 };

        // v2 overtakes v1, v2 comes again, v3 arrives, then v1 and v2 are redelivered and a late copy of v2 turns up.
        await _publisher.PublishAsync(RoomEventTypes.Changed, v2, changedToV2);
        await _publisher.PublishAsync(RoomEventTypes.Registered, v1, registered);
        await _publisher.PublishAsync(RoomEventTypes.Changed, v2, changedToV2);
        await _publisher.PublishAsync(RoomEventTypes.Changed, v3);
        await _publisher.PublishAsync(RoomEventTypes.Registered, v1, registered);
        await _publisher.PublishAsync(RoomEventTypes.Changed, v2 with { Name = "Stale copy" });
        await PublishSentinelAndWaitAsync();

        var roomInfo = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/roominfos/{number}");
        Assert.Equal(3, roomInfo.GetProperty("version").GetInt32());
        Assert.Equal("Family room with balcony", roomInfo.GetProperty("name").GetString());
        Assert.Equal(160_000m, roomInfo.GetProperty("pricePerNight").GetDecimal());
    }

    [Fact]
    public async Task The_list_is_ordered_by_number()
    {
        var prefix = RoomInfoPolling.NewRoomNumber()[..7];
        string[] numbers = [$"{prefix}-C", $"{prefix}-A", $"{prefix}-B"];
        foreach (var number in numbers)
        {
            await _publisher.PublishAsync(RoomEventTypes.Registered, new RoomState(number, "Standard", "Standard room", 80_000m, 1));
        }

        await _client.WaitForVersionAsync(numbers[^1], 1);

        var listed = (await _client.GetFromJsonAsync<JsonElement[]>("/api/v1/roominfos"))!.Select(room => room.GetProperty("number").GetString()!).ToList();
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Equal([$"{prefix}-A", $"{prefix}-B", $"{prefix}-C"], listed.Where(number => number.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_room_lookup_ignores_case()
    {
        var number = RoomInfoPolling.NewRoomNumber();
        await _publisher.PublishAsync(RoomEventTypes.Registered, new RoomState(number, "Standard", "Standard room", 80_000m, 1));
        await _client.WaitForVersionAsync(number, 1);

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/v1/roominfos/{number.ToLowerInvariant()}")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_room_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/v1/roominfos/{RoomInfoPolling.NewRoomNumber()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/roominfos/{0}", "A 101")]
    [InlineData("/api/v1/roominfos/{0}", "A101\n")]
    [InlineData("/api/v1/roominfos/{0}/availability?from=2031-06-01&to=2031-06-02", "much-too-long-number")]
    public async Task A_room_number_that_cannot_exist_is_a_400_problem_naming_number(string path, string number)
    {
        var response = await _client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Uri.EscapeDataString(number)));

        await ProblemAssert.HasErrorForAsync(response, "number");
    }

    [Fact]
    public async Task The_service_reports_health_and_an_OpenAPI_document()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/alive")).StatusCode);
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/roominfos/{number}", out _));
    }

    // Events share one partition, so once this one is visible every event published before it was handled.
    private async Task PublishSentinelAndWaitAsync()
    {
        var sentinel = RoomInfoPolling.NewRoomNumber();
        await _publisher.PublishAsync(RoomEventTypes.Registered, new RoomState(sentinel, "Standard", "Sentinel", 1m, 1));
        await _client.WaitForVersionAsync(sentinel, 1);
    }

    public void Dispose() => _publisher.Dispose();
}
