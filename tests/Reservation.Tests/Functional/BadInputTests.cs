using System.Text;
using Accommodation.Messaging;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class BadInputTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string?> BadReservations => new()
    {
        // body ({room}, {d+N}: a registered room, today + N days), the field the problem names (null: malformed JSON)
        { """{"roomNumber":"{room}","checkIn":"{d+5}","checkOut":"{d+6}"}""", "customerId" },
        { """{"customerId":"c1","checkIn":"{d+5}","checkOut":"{d+6}"}""", "roomNumber" },
        { """{"customerId":"c1","roomNumber":"{room}","checkOut":"{d+6}"}""", "checkIn" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"{d+5}"}""", "checkOut" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"{d+6}","checkOut":"{d+5}"}""", "checkOut" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"{d+5}","checkOut":"{d+5}"}""", "checkOut" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"{d-1}","checkOut":"{d+1}"}""", "checkIn" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"{d+1}","checkOut":"{d+32}"}""", "checkOut" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"{d+400}","checkOut":"{d+401}"}""", "checkIn" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"0001-01-01","checkOut":"9999-12-31"}""", "checkIn" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"{d+1}","checkOut":"9999-12-31"}""", "checkOut" },
        { """{"customerId":"has space","roomNumber":"{room}","checkIn":"{d+5}","checkOut":"{d+6}"}""", "customerId" },
        { """{"customerId":"{65c}","roomNumber":"{room}","checkIn":"{d+5}","checkOut":"{d+6}"}""", "customerId" },
        { """{"customerId":"c1","roomNumber":"A 1","checkIn":"{d+5}","checkOut":"{d+6}"}""", "roomNumber" },
        { """{"customerId":"c1","roomNumber":"ABCDEFGHIJK","checkIn":"{d+5}","checkOut":"{d+6}"}""", "roomNumber" },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"2026-13-01","checkOut":"{d+6}"}""", null },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"24/12/2026","checkOut":"{d+6}"}""", null },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":20261224,"checkOut":"{d+6}"}""", null },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"10000-01-01","checkOut":"{d+6}"}""", null },
        { """{"customerId":9805,"roomNumber":"{room}","checkIn":"{d+5}","checkOut":"{d+6}"}""", null },
        { """{"customerId":"c1","roomNumber":"{room}","checkIn":"{d+5}","checkOut":"{d+6}" """, null },
        { """["c1"]""", null },
        { "", null },
        { "null", null },
    };

    [Theory]
    [MemberData(nameof(BadReservations))]
    public async Task A_bad_reservation_returns_400_problem_and_writes_nothing(string body, string? field)
    {
        var room = await factory.RegisterRoomAsync();
        var before = await CountsAsync();

        var response = await _client.PostAsync("/api/reservations", Json(Fill(body, room)));

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
        var response = await _client.PostAsync("/api/reservations", Json("""{"customerId":"no spaces","roomNumber":""}"""));

        var errors = (await ProblemAssert.IsProblemAsync(response, 400)).GetProperty("errors");
        Assert.Equal(["checkIn", "checkOut", "customerId", "roomNumber"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
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

        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/reservations/{path}"));

        await ProblemAssert.HasErrorForAsync(response, "number");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_unknown_reservation_is_404() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/api/reservations/R-20000101-000000"), 404);

    [Theory]
    [InlineData("", "customerId")]
    [InlineData("?customerId=", "customerId")]
    [InlineData("?customerId=has%20space", "customerId")]
    [InlineData("?customerId=c1&pageSize=0", "pageSize")]
    [InlineData("?customerId=c1&pageSize=1000", "pageSize")]
    [InlineData("?customerId=c1&pageIndex=-1", "pageIndex")]
    public async Task A_bad_listing_is_400(string query, string field) =>
        await ProblemAssert.HasErrorForAsync(await _client.GetAsync($"/api/reservations{query}"), field);

    [Fact]
    public async Task A_listing_with_a_non_number_page_is_400() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/api/reservations?customerId=c1&pageIndex=x"), 400);

    // gRPC's route for unknown services matches any two segments, /api/reservations too; it must not turn these into 404.
    [Theory]
    [InlineData("POST", "text/plain", 415)]
    [InlineData("POST", null, 415)]
    [InlineData("DELETE", null, 405)]
    [InlineData("PUT", "application/json", 405)]
    public async Task A_wrong_method_or_media_type_on_the_reservations_route_gets_its_own_status(string method, string? mediaType, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/reservations") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}")) };
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
