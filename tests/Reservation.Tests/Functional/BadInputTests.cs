using System.Text;
using Accommodation.Messaging;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class BadInputTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    public static TheoryData<string, string?> BadReservations => new()
    {
        // body ({room}, {d+N}: a registered room, today + N days), the field the problem names (null: malformed JSON).
        // No customerId: the customer is the token's, and one in the body is ignored (AuthorizationTests).
        { """{"checkIn":"{d+5}","checkOut":"{d+6}"}""", "roomNumber" },
        { """{"roomNumber":"{room}","checkOut":"{d+6}"}""", "checkIn" },
        { """{"roomNumber":"{room}","checkIn":"{d+5}"}""", "checkOut" },
        { """{"roomNumber":"{room}","checkIn":"{d+6}","checkOut":"{d+5}"}""", "checkOut" },
        { """{"roomNumber":"{room}","checkIn":"{d+5}","checkOut":"{d+5}"}""", "checkOut" },
        { """{"roomNumber":"{room}","checkIn":"{d-1}","checkOut":"{d+1}"}""", "checkIn" },
        { """{"roomNumber":"{room}","checkIn":"{d+1}","checkOut":"{d+32}"}""", "checkOut" },
        { """{"roomNumber":"{room}","checkIn":"{d+400}","checkOut":"{d+401}"}""", "checkIn" },
        { """{"roomNumber":"{room}","checkIn":"0001-01-01","checkOut":"9999-12-31"}""", "checkIn" },
        { """{"roomNumber":"{room}","checkIn":"{d+1}","checkOut":"9999-12-31"}""", "checkOut" },
        { """{"roomNumber":"A 1","checkIn":"{d+5}","checkOut":"{d+6}"}""", "roomNumber" },
        { """{"roomNumber":"ABCDEFGHIJK","checkIn":"{d+5}","checkOut":"{d+6}"}""", "roomNumber" },
        { """{"roomNumber":"{room}","checkIn":"2026-13-01","checkOut":"{d+6}"}""", null },
        { """{"roomNumber":"{room}","checkIn":"24/12/2026","checkOut":"{d+6}"}""", null },
        { """{"roomNumber":"{room}","checkIn":20261224,"checkOut":"{d+6}"}""", null },
        { """{"roomNumber":"{room}","checkIn":"10000-01-01","checkOut":"{d+6}"}""", null },
        { """{"roomNumber":"{room}","checkIn":"{d+5}","checkOut":"{d+6}" """, null },
        { """["{room}"]""", null },
        { "", null },
        { "null", null },
    };

    [Theory]
    [MemberData(nameof(BadReservations))]
    public async Task A_bad_reservation_returns_400_problem_and_writes_nothing(string body, string? field)
    {
        var room = await factory.RegisterRoomAsync();
        var before = await CountsAsync();

        var response = await _client.PostAsync("/api/v1/reservations", Json(Fill(body, room)));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_reservation_with_several_bad_fields_names_each_of_them()
    {
        // The body's customerId is no field of the request: ignored, not checked.
        var response = await _client.PostAsync("/api/v1/reservations", Json("""{"customerId":"no spaces","roomNumber":""}"""));

        var errors = (await ProblemAssert.IsProblemAsync(response, 400)).GetProperty("errors");
        Assert.Equal(["checkIn", "checkOut", "roomNumber"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reserving_an_unknown_room_is_422_and_writes_nothing()
    {
        var before = await CountsAsync();

        var response = await _client.ReserveAsync(RoomCatalogSeeding.NewRoomNumber(), ReservationScenarios.Day(5), ReservationScenarios.Day(6));

        var problem = await ProblemAssert.IsProblemAsync(response, 422);
        Assert.Equal("Unknown room.", problem.GetProperty("title").GetString());
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("GET", "R-2026")]
    [InlineData("GET", "R-20261324-7F3K9Q")]
    [InlineData("GET", "R-20261224-7F3K9O")]
    [InlineData("POST", "nonsense/pay")]
    [InlineData("POST", "R-2026-7F3K9Q/cancel")]
    [InlineData("POST", "%20/check-out")]
    public async Task A_malformed_reservation_number_is_400_on_every_endpoint(string method, string path)
    {
        var before = await CountsAsync();

        // Checking out is a manager's; the rest a customer may ask.
        var client = path.EndsWith("/check-out", StringComparison.Ordinal) ? factory.CreateManagerClient() : _client;

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/reservations/{path}"));

        await ProblemAssert.HasErrorForAsync(response, "number");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_unknown_reservation_is_404() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/api/v1/reservations/R-20000101-000000"), 404);

    // As a manager, who must name the customer (a customer who names nobody lists their own).
    [Theory]
    [InlineData("", "customerId")]
    [InlineData("?customerId=", "customerId")]
    [InlineData("?customerId=has%20space", "customerId")]
    [InlineData("?customerId=c1&pageSize=0", "pageSize")]
    [InlineData("?customerId=c1&pageSize=1000", "pageSize")]
    [InlineData("?customerId=c1&pageIndex=-1", "pageIndex")]
    public async Task A_bad_listing_is_400(string query, string field) =>
        await ProblemAssert.HasErrorForAsync(await factory.CreateManagerClient().GetAsync($"/api/v1/reservations{query}"), field);

    [Theory]
    [InlineData("?customerId=")]
    [InlineData("?customerId=has%20space")]
    [InlineData("?pageSize=0")]
    public async Task A_customers_bad_listing_is_400_too(string query) =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/reservations{query}"), 400);

    [Fact]
    public async Task A_listing_with_a_non_number_page_is_400() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/reservations?customerId={ReservationApiFactory.DefaultCustomer}&pageIndex=x"), 400);

    // gRPC's route for unknown services matches any two segments, /api/v1/reservations too; it must not turn these into 404.
    [Theory]
    [InlineData("POST", "text/plain", 415)]
    [InlineData("POST", null, 415)]
    [InlineData("DELETE", null, 405)]
    [InlineData("PUT", "application/json", 405)]
    public async Task A_wrong_method_or_media_type_on_the_reservations_route_gets_its_own_status(string method, string? mediaType, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/reservations") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}")) };
        if (mediaType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }

        await ProblemAssert.IsProblemAsync(await _client.SendAsync(request), status);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Fill(string body, string room)
    {
        var filled = body.Replace("{room}", room, StringComparison.Ordinal).Replace("{65c}", new string('c', 65), StringComparison.Ordinal);
        foreach (var offset in new[] { -1, 1, 5, 6, 32, 400, 401 })
        {
            var placeholder = offset < 0 ? $"{{d{offset}}}" : $"{{d+{offset}}}";
            filled = filled.Replace(placeholder, ReservationScenarios.Day(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return filled;
    }

    private Task<(int Reservations, int Outbox)> CountsAsync() => factory.InDatabaseAsync(async db =>
        (await db.Reservations.CountAsync(), await db.Set<OutboxMessage>().CountAsync()));
}
