using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>
/// Anyone browses room infos; a customer's reservations are read only by that customer (the token's subject) or a
/// manager, and anyone else is answered as if there were nothing to find.
/// </summary>
[Collection(nameof(RoomViewCollection))]
public sealed class AuthorizationTests(RoomViewFactory factory) : IDisposable
{
    private static readonly DateOnly Day = new(2031, 9, 1);

    // Each refused token carries the customer and manager roles: only its flaw keeps it out.
    private static readonly string[] CustomerRoutes =
    [
        "/api/v1/customers/{customer}/reservations",
        "/api/v1/customers/{customer}/reservations/stream",
        "/api/v1/customers/{customer}/reservations/{reservation}",
    ];

    private readonly HttpClient _anonymous = factory.CreateClient();
    private readonly HttpClient _manager = factory.CreateManagerClient();
    private readonly BookingEventsPublisher _bookings = new(factory.KafkaBootstrapServers);
    private readonly RoomEventsPublisher _rooms = new(factory.KafkaBootstrapServers);

    public static TheoryData<string> CustomerRouteData => [.. CustomerRoutes];

    public static TheoryData<string, string> CustomerRoutesWithRefusedTokens() => TestTokens.WithEachRefusedToken(CustomerRoutes);

    public static TheoryData<string, string> CustomerRoutesWithReaders()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in CustomerRoutes)
        {
            data.Add(route, "the customer");
            data.Add(route, "a manager");
        }

        return data;
    }

    public static TheoryData<string> PublicRoutes => new()
    {
        "/api/v1/roominfos",
        "/api/v1/roominfos/{number}",
        "/api/v1/roominfos/{number}/availability?from=2031-09-01&to=2031-09-03",
        "/health",
        "/alive",
        "/openapi/v1.json",
    };

    [Theory]
    [MemberData(nameof(CustomerRoutesWithRefusedTokens))]
    public async Task A_customer_route_without_a_valid_token_is_a_401_problem_and_starts_no_stream(string route, string token)
    {
        var kims = await PlacedAsync(NewCustomerId("kim"));
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(route, kims));
        if (TestTokens.RefusedToken(RoomViewFactory.Audience, token) is { } bearer)
        {
            request.WithBearer(bearer);
        }

        using var response = await _anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        await ProblemAssert.IsProblemAsync(response, 401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CustomerRouteData))]
    public async Task A_token_of_neither_a_customer_nor_a_manager_is_a_403_problem_even_for_its_own_subject(string route)
    {
        // Reservation's client credentials: a valid token whose subject is "reservation", and no role at all.
        using var client = factory.CreateClient(TestTokens.Service("reservation", RoomViewFactory.Audience, "payment.pay"));
        var its = await PlacedAsync("reservation");

        using var response = await client.GetAsync(Path(route, its), HttpCompletionOption.ResponseHeadersRead);

        await ProblemAssert.IsProblemAsync(response, 403);
    }

    [Theory]
    [MemberData(nameof(CustomerRouteData))]
    public async Task Another_customer_gets_the_404_problem_of_finding_nothing_and_no_stream(string route)
    {
        var kims = await PlacedAsync(NewCustomerId("kim"));
        // What lee would get were there nothing at all: a customer with no reservations, or kim's reservation that is not.
        var nothing = route.EndsWith("{reservation}", StringComparison.Ordinal)
            ? kims with { ReservationNumber = "R-TEST-NOTHINGHERE" }
            : kims with { CustomerId = NewCustomerId("ghost") };
        using var lee = factory.CreateCustomerClient(NewCustomerId("lee"));

        using var response = await lee.GetAsync(Path(route, kims), HttpCompletionOption.ResponseHeadersRead);
        using var answerToNothing = await lee.GetAsync(Path(route, nothing), HttpCompletionOption.ResponseHeadersRead);

        var problem = await ProblemAssert.IsProblemAsync(response, 404);
        var nothingProblem = await ProblemAssert.IsProblemAsync(answerToNothing, 404);
        Assert.Equal(Shape(nothingProblem, nothing), Shape(problem, kims));
        Assert.DoesNotContain(kims.RoomNumber, problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CustomerRoutesWithReaders))]
    public async Task The_customer_and_a_manager_read_the_customers_reservations(string route, string reader)
    {
        var kims = await PlacedAsync(NewCustomerId("kim"));
        using var client = reader == "a manager" ? factory.CreateManagerClient() : factory.CreateCustomerClient(kims.CustomerId);

        using var response = await client.GetAsync(Path(route, kims), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (route.EndsWith("/stream", StringComparison.Ordinal))
        {
            using var events = new ServerSentEventsReader(await response.Content.ReadAsStreamAsync());
            var (type, list) = await events.ReadAsync();
            Assert.Equal(("reservations", kims.ReservationNumber), (type, Assert.Single(list.EnumerateArray()).GetProperty("reservationNumber").GetString()));
        }
        else
        {
            Assert.Contains(kims.ReservationNumber, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task A_public_route_needs_no_token(string path)
    {
        var number = await RegisteredRoomAsync();

        using var response = await _anonymous.GetAsync(path.Replace("{number}", number, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // ASP.NET's default, kept on purpose: an anonymous endpoint is never challenged, so a token that does not
    // validate is ignored there (the caller is simply anonymous) rather than turned into a 401.
    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task A_public_route_ignores_a_token_that_does_not_validate(string path)
    {
        var number = await RegisteredRoomAsync();

        foreach (var (name, token) in TestTokens.Refused(RoomViewFactory.Audience))
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
    public async Task The_OpenAPI_document_says_which_routes_need_a_token()
    {
        var paths = (await _anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/customers/{customerId}/reservations", "/api/v1/customers/{customerId}/reservations/stream", "/api/v1/customers/{customerId}/reservations/{reservationNumber}" })
        {
            var responses = paths.GetProperty(path).GetProperty("get").GetProperty("responses");
            Assert.True(new[] { "401", "403", "404" }.All(status => responses.TryGetProperty(status, out _)), $"{path}: {responses}");
        }

        foreach (var path in new[] { "/api/v1/roominfos", "/api/v1/roominfos/{number}", "/api/v1/roominfos/{number}/availability" })
        {
            var responses = paths.GetProperty(path).GetProperty("get").GetProperty("responses");
            Assert.False(responses.TryGetProperty("401", out _) || responses.TryGetProperty("403", out _), $"{path}: {responses}");
        }
    }

    private static string NewCustomerId(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private static string Path(string route, ReservationState reservation) => route
        .Replace("{customer}", reservation.CustomerId, StringComparison.Ordinal)
        .Replace("{reservation}", reservation.ReservationNumber, StringComparison.Ordinal);

    // A problem as its reader sees it, the ids asked for put back as placeholders: equal shapes tell nothing apart.
    private static string Shape(JsonElement problem, ReservationState asked) => string.Join('|',
        from member in problem.EnumerateObject()
        where member.Name != "traceId"
        orderby member.Name
        select $"{member.Name}={member.Value}"
            .Replace(asked.CustomerId, "{customer}", StringComparison.Ordinal)
            .Replace(asked.ReservationNumber, "{reservation}", StringComparison.Ordinal));

    /// <summary>A reservation of <paramref name="customerId"/>, once the view shows it.</summary>
    private async Task<ReservationState> PlacedAsync(string customerId)
    {
        var placed = ReservationState.Placed(customerId, "A-101", Day, Day.AddDays(1));
        await _bookings.PublishAsync(placed);
        await _manager.WaitForVersionAsync(placed);
        return placed;
    }

    private async Task<string> RegisteredRoomAsync()
    {
        var number = RoomInfoPolling.NewRoomNumber();
        await _rooms.PublishAsync(RoomEventTypes.Registered, new RoomState(number, "Deluxe", "Ocean view", 120_000m, 1));
        await _anonymous.WaitForVersionAsync(number, 1);
        return number;
    }

    public void Dispose()
    {
        _bookings.Dispose();
        _rooms.Dispose();
    }
}
