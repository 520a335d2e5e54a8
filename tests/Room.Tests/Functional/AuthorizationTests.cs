using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Messaging;
using Accommodation.Rooms.Api.Infrastructure;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Rooms.Tests.Functional;

/// <summary>
/// Anyone browses rooms; only a manager's valid token registers, changes or checks out a room, and a body sets only
/// what the request says it may.
/// </summary>
[Collection(nameof(RoomApiCollection))]
public sealed class AuthorizationTests(RoomApiFactory factory) : IDisposable
{
    // Each refused token carries the manager role: only its flaw keeps it out.
    private static readonly string[] ManagerRoutes = ["POST /api/v1/rooms", "PATCH /api/v1/rooms/{number}", "POST /api/v1/rooms/{number}/check-out"];

    private readonly HttpClient _manager = factory.CreateManagerClient();
    private readonly HttpClient _anonymous = factory.CreateClient();
    private readonly ReservationEventsPublisher _publisher = new(factory.KafkaBootstrapServers);

    public static TheoryData<string, string> ManagerRoutesWithRefusedTokens() => TestTokens.WithEachRefusedToken(ManagerRoutes);

    public static TheoryData<string, string> ManagerRoutesWithOtherCallers()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in ManagerRoutes)
        {
            data.Add(route, "customer");
            data.Add(route, "service");
        }

        return data;
    }

    public static TheoryData<string> PublicRoutes => new()
    {
        "/api/v1/rooms",
        "/api/v1/rooms/{number}",
        "/api/v1/rooms/{number}/nights?from=2031-03-10&to=2031-03-12",
        "/health",
        "/alive",
        "/openapi/v1.json",
    };

    [Theory]
    [MemberData(nameof(ManagerRoutesWithRefusedTokens))]
    public async Task A_manager_route_without_a_valid_token_is_a_401_problem_and_changes_nothing(string route, string token)
    {
        var occupied = await OccupiedRoomAsync();
        using var request = occupied.Request(route);
        if (TestTokens.RefusedToken(RoomApiFactory.Audience, token) is { } bearer)
        {
            request.WithBearer(bearer);
        }

        using var response = await _anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, 401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(occupied);
    }

    [Theory]
    [MemberData(nameof(ManagerRoutesWithOtherCallers))]
    public async Task A_manager_route_with_a_valid_token_of_no_manager_is_a_403_problem_and_changes_nothing(string route, string caller)
    {
        var occupied = await OccupiedRoomAsync();
        using var request = occupied.Request(route).WithBearer(caller switch
        {
            "customer" => TestTokens.Customer("kim", RoomApiFactory.Audience),
            // Reservation's client credentials: a valid token, and no role at all.
            _ => TestTokens.Service("reservation", RoomApiFactory.Audience, "payment.pay"),
        });

        using var response = await _anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, 403);
        await AssertUnchangedAsync(occupied);
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task A_public_route_needs_no_token(string path)
    {
        var number = await _manager.RegisterNewRoomAsync();

        using var response = await _anonymous.GetAsync(path.Replace("{number}", number, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // ASP.NET's default, kept on purpose: an anonymous endpoint is never challenged, so a token that does not
    // validate is ignored there (the caller is simply anonymous) rather than turned into a 401.
    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task A_public_route_ignores_a_token_that_does_not_validate(string path)
    {
        var number = await _manager.RegisterNewRoomAsync();

        foreach (var (name, token) in TestTokens.Refused(RoomApiFactory.Audience))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{number}", number, StringComparison.Ordinal));
            if (token is not null)
            {
                request.WithBearer(token);
            }

            using var response = await _anonymous.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_manager_may_do_everything_a_manager_route_offers()
    {
        var occupied = await OccupiedRoomAsync();

        Assert.Equal(HttpStatusCode.Created, (await _manager.SendAsync(occupied.Request("POST /api/v1/rooms"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _manager.SendAsync(occupied.Request("PATCH /api/v1/rooms/{number}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _manager.SendAsync(occupied.Request("POST /api/v1/rooms/{number}/check-out"))).StatusCode);
    }

    [Fact]
    public async Task A_registration_sets_no_field_the_server_owns()
    {
        var number = RoomScenarios.NewRoomNumber();
        var before = factory.Clock.GetUtcNow();

        var response = await _manager.PostAsJsonAsync("/api/v1/rooms", new
        {
            number,
            type = "Deluxe",
            name = "Ocean view",
            pricePerNight = 120_000m,
            status = "Unavailable",
            version = 7,
            registeredAt = "2000-01-01T00:00:00+00:00",
            updatedAt = "2000-01-01T00:00:00+00:00",
            nights = new[] { new { night = "2031-03-10", status = "Unavailable" } },
            customerId = "lee",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var room = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal(("Available", 1), (room.GetProperty("status").GetString(), room.GetProperty("version").GetInt32()));
        // The database keeps microseconds, so "now" may read back a tick earlier than it was.
        Assert.InRange(room.GetProperty("registeredAt").GetDateTimeOffset(), before.AddSeconds(-1), factory.Clock.GetUtcNow());
        Assert.Equal(room.GetProperty("registeredAt").GetDateTimeOffset(), room.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(["Available"], await _anonymous.NightsAsync(number, factory.Clock.Today, factory.Clock.Today.AddDays(1)));
    }

    [Fact]
    public async Task A_change_sets_no_field_the_server_owns_and_its_version_is_a_precondition_only()
    {
        var number = await _manager.RegisterNewRoomAsync();
        var other = RoomScenarios.NewRoomNumber();
        var registered = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");

        var response = await _manager.PatchAsJsonAsync($"/api/v1/rooms/{number}", new
        {
            name = "Renamed",
            version = 1,
            number = other,
            type = "Suite",
            status = "Unavailable",
            registeredAt = "2000-01-01T00:00:00+00:00",
            updatedAt = "2000-01-01T00:00:00+00:00",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var room = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number}");
        Assert.Equal((number, "Deluxe", "Renamed", "Available", 2),
            (room.GetProperty("number").GetString(), room.GetProperty("type").GetString(), room.GetProperty("name").GetString(),
                room.GetProperty("status").GetString(), room.GetProperty("version").GetInt32()));
        Assert.Equal(registered.GetProperty("registeredAt").GetDateTimeOffset(), room.GetProperty("registeredAt").GetDateTimeOffset());
        Assert.True(room.GetProperty("updatedAt").GetDateTimeOffset() > registered.GetProperty("updatedAt").GetDateTimeOffset(), room.ToString());
        await ProblemAssert.IsProblemAsync(await _anonymous.GetAsync($"/api/v1/rooms/{other}"), 404);
    }

    [Fact]
    public async Task The_OpenAPI_document_says_which_routes_need_a_manager()
    {
        var paths = (await _anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/v1/rooms", "post"), ("/api/v1/rooms/{number}", "patch"), ("/api/v1/rooms/{number}/check-out", "post") })
        {
            var responses = paths.GetProperty(path).GetProperty(method).GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _), $"{method} {path}: {responses}");
        }

        foreach (var path in new[] { "/api/v1/rooms", "/api/v1/rooms/{number}", "/api/v1/rooms/{number}/nights" })
        {
            var responses = paths.GetProperty(path).GetProperty("get").GetProperty("responses");
            Assert.False(responses.TryGetProperty("401", out _) || responses.TryGetProperty("403", out _), $"get {path}: {responses}");
        }
    }

    /// <summary>A registered room with a confirmed stay today, so every manager route would succeed on it, and a number not yet registered.</summary>
    private async Task<OccupiedRoom> OccupiedRoomAsync()
    {
        var number = await _manager.RegisterNewRoomAsync();
        var today = factory.Clock.Today;
        var stay = ReservationState.Placed(number, today.AddDays(-1), today.AddDays(1)).Next("Confirmed");
        await _publisher.PublishAsync(stay);
        await factory.WaitForReservationAsync(stay.ReservationNumber, stay.Version);
        return new OccupiedRoom(number, stay.ReservationNumber, RoomScenarios.NewRoomNumber());
    }

    private async Task AssertUnchangedAsync(OccupiedRoom occupied)
    {
        var room = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{occupied.Number}");
        Assert.Equal(("Deluxe ocean view", 120_000m, "Unavailable", 1),
            (room.GetProperty("name").GetString(), room.GetProperty("pricePerNight").GetDecimal(), room.GetProperty("status").GetString(), room.GetProperty("version").GetInt32()));
        Assert.Null((await factory.StoredReservationAsync(occupied.StayNumber))!.CheckedOutAt);
        await ProblemAssert.IsProblemAsync(await _anonymous.GetAsync($"/api/v1/rooms/{occupied.Unregistered}"), 404);
        Assert.Equal((1, 0), (await OutboxCountAsync(occupied.Number), await OutboxCountAsync(occupied.Unregistered)));
    }


    private async Task<int> OutboxCountAsync(string number)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoomDbContext>().Set<OutboxMessage>().CountAsync(message => message.Key == number);
    }

    public void Dispose() => _publisher.Dispose();

    private sealed record OccupiedRoom(string Number, string StayNumber, string Unregistered)
    {
        /// <summary>The request a manager route takes, valid in every way but its token.</summary>
        public HttpRequestMessage Request(string route) => route switch
        {
            "POST /api/v1/rooms" => new(HttpMethod.Post, "/api/v1/rooms")
            {
                Content = JsonContent.Create(new { number = Unregistered, type = "Suite", name = "Taken over", pricePerNight = 1m }),
            },
            "PATCH /api/v1/rooms/{number}" => new(HttpMethod.Patch, $"/api/v1/rooms/{Number}")
            {
                Content = JsonContent.Create(new { name = "Taken over", pricePerNight = 1m }),
            },
            "POST /api/v1/rooms/{number}/check-out" => new(HttpMethod.Post, $"/api/v1/rooms/{Number}/check-out"),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };
    }
}
