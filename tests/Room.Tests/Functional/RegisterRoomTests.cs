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
public sealed class RegisterRoomTests(RoomApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateManagerClient();

    [Fact]
    public async Task Register_returns_201_with_the_room_and_publishes_RoomRegistered()
    {
        var number = RoomScenarios.NewRoomNumber();

        var response = await _client.RegisterAsync(number.ToLowerInvariant(), type: "suite", name: "  Garden suite ", pricePerNight: 250_000.50m);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/rooms/{number}", response.Headers.Location?.OriginalString);
        var room = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(number, room.GetProperty("number").GetString());
        Assert.Equal("Suite", room.GetProperty("type").GetString());
        Assert.Equal("Garden suite", room.GetProperty("name").GetString());
        Assert.Equal(250_000.50m, room.GetProperty("pricePerNight").GetDecimal());
        Assert.Equal(1, room.GetProperty("version").GetInt32());

        var read = await _client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal("Garden suite", read.GetProperty("name").GetString());

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, RoomApiFactory.RoomEventsTopic);
        var registered = Assert.Single(await reader.ReadAsync(number, count: 1));
        Assert.Equal("RoomRegisteredIntegrationEvent", registered.EventType);
        Assert.Equal(registered.EventId, registered.Payload.GetProperty("id").GetString());
        Assert.Equal(number, registered.Payload.GetProperty("number").GetString());
        Assert.Equal("Suite", registered.Payload.GetProperty("type").GetString());
        Assert.Equal("Garden suite", registered.Payload.GetProperty("name").GetString());
        Assert.Equal(250_000.50m, registered.Payload.GetProperty("pricePerNight").GetDecimal());
        Assert.Equal(1, registered.Payload.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Registering_a_number_twice_returns_409_problem_and_keeps_the_first_room()
    {
        var number = RoomScenarios.NewRoomNumber();
        Assert.Equal(HttpStatusCode.Created, (await _client.RegisterAsync(number, name: "First")).StatusCode);

        var second = await _client.RegisterAsync(number.ToLowerInvariant(), name: "Second");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(second, 409);
        Assert.Contains(number, problem.GetProperty("detail").GetString());
        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal("First", room.GetProperty("name").GetString());
        Assert.Equal(1, await OutboxCountAsync(number));
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_number_give_one_201_and_409s_for_the_rest()
    {
        var number = RoomScenarios.NewRoomNumber();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _client.RegisterAsync(number, name: $"Racer {i}")));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(response => response.StatusCode != HttpStatusCode.Created),
            response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));
        Assert.Equal(1, await OutboxCountAsync(number));
    }

    public static TheoryData<string, string?> BadRegistrations => new()
    {
        // body, the field the problem names (null: the JSON itself is malformed)
        { """{"type":"Deluxe","name":"n","pricePerNight":1}""", "number" },
        { """{"number":"{n}","name":"n","pricePerNight":1}""", "type" },
        { """{"number":"{n}","type":"Deluxe","pricePerNight":1}""", "name" },
        { """{"number":"{n}","type":"Deluxe","name":"n"}""", "pricePerNight" },
        { """{"number":"{n}","type":"Deluxe","name":"   ","pricePerNight":1}""", "name" },
        { """{"number":"{n}","type":"Deluxe","name":"{101}","pricePerNight":1}""", "name" },
        { """{"number":"{n}","type":"Deluxe","name":"Ocean\u0007view","pricePerNight":1}""", "name" },
        { """{"number":"{n}","type":"Deluxe","name":"n","pricePerNight":-1}""", "pricePerNight" },
        { """{"number":"{n}","type":"Deluxe","name":"n","pricePerNight":0}""", "pricePerNight" },
        { """{"number":"{n}","type":"Deluxe","name":"n","pricePerNight":100000000.01}""", "pricePerNight" },
        { """{"number":"{n}","type":"Deluxe","name":"n","pricePerNight":1.005}""", "pricePerNight" },
        { """{"number":"A 1","type":"Deluxe","name":"n","pricePerNight":1}""", "number" },
        { """{"number":"ABCDEFGHIJK","type":"Deluxe","name":"n","pricePerNight":1}""", "number" },
        { """{"number":"","type":"Deluxe","name":"n","pricePerNight":1}""", "number" },
        { """{"number":"{n}","type":"Penthouse","name":"n","pricePerNight":1}""", null },
        { """{"number":"{n}","type":1,"name":"n","pricePerNight":1}""", null },
        { """{"number":"{n}","type":"Deluxe","name":"n","pricePerNight":"1"}""", null },
        { """{"number":101,"type":"Deluxe","name":"n","pricePerNight":1}""", null },
        { """{"number":"{n}","type":"Deluxe","name":"n","pricePerNight":1""", null },
        { """["{n}"]""", null },
        { "", null },
        { "null", null },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_returns_400_problem_and_changes_nothing(string body, string? field)
    {
        var number = RoomScenarios.NewRoomNumber();
        var roomsBefore = await RoomCountAsync();
        var json = body.Replace("{n}", number, StringComparison.Ordinal).Replace("{101}", new string('n', 101), StringComparison.Ordinal);

        var response = await _client.PostAsync("/api/v1/rooms", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        }

        Assert.Equal(roomsBefore, await RoomCountAsync());
        Assert.Equal(0, await OutboxCountAsync(number));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/rooms/{number}")).StatusCode);
    }

    [Fact]
    public async Task A_registration_with_several_bad_fields_names_each_of_them()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/rooms", new { number = "no spaces", name = " ", pricePerNight = 0.5555m });

        var errors = (await ProblemAssert.IsProblemAsync(response, 400)).GetProperty("errors");
        Assert.Equal(["name", "number", "pricePerNight", "type"], errors.EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_name_is_measured_after_trimming()
    {
        var number = RoomScenarios.NewRoomNumber();

        var response = await _client.RegisterAsync(number, name: $"  {new string('n', 100)}  ");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<int> RoomCountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoomDbContext>().Rooms.CountAsync();
    }

    private async Task<int> OutboxCountAsync(string number)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoomDbContext>().Set<OutboxMessage>().CountAsync(message => message.Key == number);
    }
}
