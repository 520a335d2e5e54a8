using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Accommodation.Messaging;
using Accommodation.Rooms.Api.Infrastructure;
using Accommodation.Testing;
using Accommodation.Testing.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Rooms.Tests.Functional;

[Collection(nameof(RoomApiCollection))]
public sealed class ChangeRoomTests(RoomApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateManagerClient();

    [Fact]
    public async Task Change_returns_the_room_at_version_2_and_publishes_RoomChanged()
    {
        var number = await _client.RegisterNewRoomAsync();

        var response = await _client.PatchAsJsonAsync($"/api/v1/rooms/{number}", new { name = "Renamed", pricePerNight = 99_000.5m, version = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var room = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Renamed", 99_000.5m, 2), (room.GetProperty("name").GetString(), room.GetProperty("pricePerNight").GetDecimal(), room.GetProperty("version").GetInt32()));

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, RoomApiFactory.RoomEventsTopic);
        var events = await reader.ReadAsync(number, count: 2);
        Assert.Equal(["RoomRegisteredIntegrationEvent", "RoomChangedIntegrationEvent"], events.Select(e => e.EventType));
        var changed = events[1].Payload;
        Assert.Equal(number, changed.GetProperty("number").GetString());
        Assert.Equal("Deluxe", changed.GetProperty("type").GetString());
        Assert.Equal("Renamed", changed.GetProperty("name").GetString());
        Assert.Equal(99_000.5m, changed.GetProperty("pricePerNight").GetDecimal());
        Assert.Equal(2, changed.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Change_of_one_field_keeps_the_other()
    {
        var number = await _client.RegisterNewRoomAsync();

        await _client.PatchAsJsonAsync($"/api/v1/rooms/{number}", new { pricePerNight = 80_000 });
        var room = await (await _client.PatchAsJsonAsync($"/api/v1/rooms/{number}", new { name = "Quiet" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("Quiet", 80_000m, 3), (room.GetProperty("name").GetString(), room.GetProperty("pricePerNight").GetDecimal(), room.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Change_to_the_same_values_keeps_the_version_and_publishes_nothing()
    {
        var number = await _client.RegisterNewRoomAsync();

        var response = await _client.PatchAsJsonAsync($"/api/v1/rooms/{number}", new { name = " Deluxe ocean view ", pricePerNight = 120_000 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(1, await OutboxCountAsync(number));
    }

    [Fact]
    public async Task Change_with_a_stale_version_returns_409_problem_and_changes_nothing()
    {
        var number = await _client.RegisterNewRoomAsync();
        await _client.PatchAsJsonAsync($"/api/v1/rooms/{number}", new { name = "First change", version = 1 });

        var response = await _client.PatchAsJsonAsync($"/api/v1/rooms/{number}", new { name = "Lost update", version = 1 });

        await ProblemAssert.IsProblemAsync(response, 409);
        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal(("First change", 2), (room.GetProperty("name").GetString(), room.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Concurrent_changes_from_one_version_let_exactly_one_win()
    {
        var number = await _client.RegisterNewRoomAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            _client.PatchAsJsonAsync($"/api/v1/rooms/{number}", new { pricePerNight = 1_000 * i, version = 1 })));

        var winner = Assert.Single(responses, response => response.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(response => response != winner), response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));
        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal(2, room.GetProperty("version").GetInt32());
        Assert.Equal((await winner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pricePerNight").GetDecimal(), room.GetProperty("pricePerNight").GetDecimal());
        Assert.Equal(2, await OutboxCountAsync(number));
    }

    [Fact]
    public async Task Change_of_an_unknown_room_returns_404_problem()
    {
        var response = await _client.PatchAsJsonAsync($"/api/v1/rooms/{RoomScenarios.NewRoomNumber()}", new { name = "Nobody" });

        await ProblemAssert.IsProblemAsync(response, 404);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"pricePerNight":-5}""", "pricePerNight")]
    [InlineData("""{"pricePerNight":0.001}""", "pricePerNight")]
    [InlineData("""{"pricePerNight":"cheap"}""", null)]
    [InlineData("""{"version":"one","name":"x"}""", null)]
    [InlineData("""{"name":""", null)]
    public async Task A_bad_change_returns_400_problem_and_changes_nothing(string body, string? field)
    {
        var number = await _client.RegisterNewRoomAsync();

        var response = await _client.PatchAsync($"/api/v1/rooms/{number}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        }

        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal(("Deluxe ocean view", 1), (room.GetProperty("name").GetString(), room.GetProperty("version").GetInt32()));
        Assert.Equal(1, await OutboxCountAsync(number));
    }


    private async Task<int> OutboxCountAsync(string number)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoomDbContext>().Set<OutboxMessage>().CountAsync(message => message.Key == number);
    }
}
