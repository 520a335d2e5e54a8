using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Reservations.Domain;
using Accommodation.Testing;
using Accommodation.Testing.Kafka;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Reservations.Tests.Functional;

/// <summary>
/// One held reservation of kim's, on a room of its own, made on first use: the cases that only try to touch it share it,
/// and each checks that it is still exactly as it was.
/// </summary>
public sealed class KimsReservation : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Room, string Number)? _made;

    public async Task<(string Room, string Number)> GetAsync(ReservationApiFactory factory)
    {
        await _gate.WaitAsync();
        try
        {
            if (_made is null)
            {
                var room = await factory.RegisterRoomAsync();
                var kim = factory.CreateCustomerClient("kim");
                _made = (room, (await kim.ReservedAsync(room, ReservationScenarios.Day(60), ReservationScenarios.Day(62))).Number());
            }

            return _made.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Still held at version 1, the only reservation of its room, its one event published, payment never asked.</summary>
    public static async Task AssertUnchangedAsync(ReservationApiFactory factory, string room, string number)
    {
        var reservation = await factory.CreateManagerClient().GetReservationAsync(number);
        Assert.Equal(("Held", 1, "kim"), (reservation.Status(), reservation.GetProperty("version").GetInt32(), reservation.GetProperty("customerId").GetString()));
        Assert.Equal(1, await factory.InDatabaseAsync(db => db.Reservations.CountAsync(r => r.RoomNumber == RoomNumber.Parse(room, "roomNumber"))));
        Assert.Equal(1, await factory.OutboxCountAsync(number));
        Assert.Empty(factory.Payment.CallsFor(number));
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>
/// Who may do what: every route needs a valid token (401), the right role (403), and reaches only the caller's own
/// reservations unless a manager asks (another customer's is 404, as a missing one); a body cannot say whose it is.
/// </summary>
[Collection(nameof(ReservationApiCollection))]
public sealed class AuthorizationTests(ReservationApiFactory factory, KimsReservation kims) : IClassFixture<KimsReservation>
{
    private const string Missing = "R-20000101-000000";

    private static readonly string[] Routes = ["reserve", "get", "list", "pay", "cancel", "check-out"];

    public static TheoryData<string, string> RoutesAndRefusedTokens() => TestTokens.WithEachRefusedToken(Routes);

    // Token names, not tokens: the tokens are made when the case runs, so none has aged since discovery.
    [Theory]
    [MemberData(nameof(RoutesAndRefusedTokens))]
    public async Task Every_route_answers_a_missing_or_invalid_token_with_401_problem_and_changes_nothing(string route, string token)
    {
        var (room, number) = await kims.GetAsync(factory);
        using var request = Request(route, room, number);
        if (TestTokens.RefusedToken(ReservationApiFactory.Audience, token) is { } refusedToken)
        {
            request.WithBearer(refusedToken);
        }

        var response = await factory.CreateClient().SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, 401);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        await KimsReservation.AssertUnchangedAsync(factory, room, number);
    }

    [Theory]
    [InlineData("reserve", "manager")]
    [InlineData("pay", "manager")]
    [InlineData("check-out", "kim")]
    [InlineData("reserve", "service")]
    [InlineData("get", "service")]
    [InlineData("list", "service")]
    [InlineData("pay", "service")]
    [InlineData("cancel", "service")]
    [InlineData("check-out", "service")]
    public async Task A_valid_token_without_the_role_a_route_needs_gets_403_problem_and_changes_nothing(string route, string caller)
    {
        var (room, number) = await kims.GetAsync(factory);
        var token = caller switch
        {
            "manager" => TestTokens.Manager(ReservationApiFactory.Audience),
            "kim" => TestTokens.Customer("kim", ReservationApiFactory.Audience),
            // A client-credentials token for reservation's audience: valid, but neither customer nor manager.
            _ => TestTokens.Service("some-service", ReservationApiFactory.Audience, "reservations"),
        };
        using var request = Request(route, room, number).WithBearer(token);

        var response = await factory.CreateClient().SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, 403);
        await KimsReservation.AssertUnchangedAsync(factory, room, number);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("pay")]
    [InlineData("cancel")]
    public async Task Another_customer_gets_the_404_of_a_missing_reservation_and_changes_nothing(string route)
    {
        var (room, number) = await kims.GetAsync(factory);
        var lee = factory.CreateCustomerClient("lee");

        using var toKims = Request(route, room, number);
        using var toMissing = Request(route, room, Missing);

        var kimsAnswer = await lee.SendAsync(toKims);
        var missingAnswer = await lee.SendAsync(toMissing);

        var refused = await ProblemAssert.IsProblemAsync(kimsAnswer, 404);
        var missing = await ProblemAssert.IsProblemAsync(missingAnswer, 404);
        Assert.Equal(Shape(missing, Missing), Shape(refused, number));
        await KimsReservation.AssertUnchangedAsync(factory, room, number);
    }

    [Fact]
    public async Task Another_customer_listing_kims_reservations_gets_404_and_sees_none_of_them()
    {
        var (room, number) = await kims.GetAsync(factory);
        var lee = factory.CreateCustomerClient("lee");

        var refused = await lee.GetAsync("/api/v1/reservations?customerId=kim");
        var own = await lee.GetFromJsonAsync<JsonElement>("/api/v1/reservations");

        var problem = await ProblemAssert.IsProblemAsync(refused, 404);
        Assert.DoesNotContain(number, problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(number, own.GetProperty("data").EnumerateArray().Select(r => r.Number()));
        await KimsReservation.AssertUnchangedAsync(factory, room, number);
    }

    [Fact]
    public async Task A_customer_lists_their_own_reservations_with_or_without_naming_themselves()
    {
        var (_, number) = await kims.GetAsync(factory);
        var kim = factory.CreateCustomerClient("kim");

        var unnamed = await kim.GetFromJsonAsync<JsonElement>("/api/v1/reservations?pageSize=100");
        var named = await kim.GetFromJsonAsync<JsonElement>("/api/v1/reservations?customerId=kim&pageSize=100");

        Assert.Contains(number, unnamed.GetProperty("data").EnumerateArray().Select(r => r.Number()));
        Assert.Equal(unnamed.ToString(), named.ToString());
        Assert.All(unnamed.GetProperty("data").EnumerateArray(), r => Assert.Equal("kim", r.GetProperty("customerId").GetString()));
    }

    [Fact]
    public async Task A_manager_reads_and_cancels_any_customers_reservation_and_must_name_the_customer_to_list()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await factory.CreateCustomerClient("kim").ReservedAsync(room, ReservationScenarios.Day(3), ReservationScenarios.Day(4))).Number();
        var manager = factory.CreateManagerClient();

        var read = await manager.GetReservationAsync(number);
        var listed = await manager.GetFromJsonAsync<JsonElement>("/api/v1/reservations?customerId=kim&pageSize=100");
        var unnamed = await manager.GetAsync("/api/v1/reservations");
        var cancelled = await manager.ActAsync(number, "cancel");

        Assert.Equal("kim", read.GetProperty("customerId").GetString());
        Assert.Contains(number, listed.GetProperty("data").EnumerateArray().Select(r => r.Number()));
        await ProblemAssert.HasErrorForAsync(unnamed, "customerId");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).Status());
    }

    [Fact]
    public async Task A_customer_reads_pays_and_cancels_their_own()
    {
        var room = await factory.RegisterRoomAsync();
        var kim = factory.CreateCustomerClient("kim");
        var number = (await kim.ReservedAsync(room, ReservationScenarios.Day(3), ReservationScenarios.Day(4))).Number();

        Assert.Equal("Held", (await kim.GetReservationAsync(number)).Status());
        Assert.Equal(HttpStatusCode.OK, (await kim.ActAsync(number, "pay")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kim.ActAsync(number, "cancel")).StatusCode);
        Assert.Equal("kim", Assert.Single(factory.Payment.CallsFor(number)).CustomerId);
    }

    [Fact]
    public async Task A_reserve_body_cannot_say_whose_it_is_nor_its_number_status_price_or_version()
    {
        var room = await factory.RegisterRoomAsync(pricePerNight: 50_000m);
        var kim = factory.CreateCustomerClient("kim");
        const string chosenNumber = "R-20000101-ABCDEF";

        var response = await kim.PostAsJsonAsync("/api/v1/reservations", new
        {
            customerId = "lee",
            number = chosenNumber,
            status = "Confirmed",
            paymentId = Guid.NewGuid(),
            pricePerNight = 1m,
            totalPrice = 1m,
            version = 7,
            roomNumber = room,
            checkIn = ReservationScenarios.Day(5),
            checkOut = ReservationScenarios.Day(7),
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reservation = await response.Content.ReadFromJsonAsync<JsonElement>();
        var number = reservation.Number();
        Assert.NotEqual(chosenNumber, number);
        Assert.Equal(("kim", "Held", 1), (reservation.GetProperty("customerId").GetString(), reservation.Status(), reservation.GetProperty("version").GetInt32()));
        Assert.Equal(JsonValueKind.Null, reservation.GetProperty("paymentId").ValueKind);
        Assert.Equal((50_000m, 100_000m), (reservation.GetProperty("pricePerNight").GetDecimal(), reservation.GetProperty("totalPrice").GetDecimal()));
        await ProblemAssert.IsProblemAsync(await factory.CreateManagerClient().GetAsync($"/api/v1/reservations/{chosenNumber}"), 404);
        await ProblemAssert.IsProblemAsync(await factory.CreateCustomerClient("lee").GetAsync($"/api/v1/reservations/{number}"), 404);
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, ReservationApiFactory.ReservationEventsTopic);
        var placed = Assert.Single(await reader.ReadAsync(number, count: 1));
        Assert.Equal("kim", placed.Payload.GetProperty("customerId").GetString());
    }

    [Theory]
    [InlineData("/alive")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_api_reference_need_no_token(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(path)).StatusCode);

    private static HttpRequestMessage Request(string route, string room, string number) => route switch
    {
        "reserve" => new HttpRequestMessage(HttpMethod.Post, "/api/v1/reservations")
        {
            Content = JsonContent.Create(new { roomNumber = room, checkIn = ReservationScenarios.Day(70), checkOut = ReservationScenarios.Day(71) }),
        },
        "get" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reservations/{number}"),
        "list" => new HttpRequestMessage(HttpMethod.Get, "/api/v1/reservations?customerId=kim"),
        _ => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reservations/{number}/{route}"),
    };

    // What a problem says, with the number it names put back to a placeholder: the same shape reveals nothing.
    private static string Shape(JsonElement problem, string number) =>
        string.Join(" | ", new[] { "type", "title", "status", "detail" }.Select(name =>
            problem.TryGetProperty(name, out var value) ? value.ToString().Replace(number, "{number}", StringComparison.Ordinal) : "-"));
}
