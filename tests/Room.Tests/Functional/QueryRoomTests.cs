using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.Rooms.Tests.Functional;

[Collection(nameof(RoomApiCollection))]
public sealed class QueryRoomTests(RoomApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateManagerClient();

    [Fact]
    public async Task Get_finds_a_room_by_number_in_any_case()
    {
        var number = RoomScenarios.NewRoomNumber();
        await _client.RegisterAsync(number, type: "Family", name: "Family room", pricePerNight: 180_000);

        var room = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{number.ToLowerInvariant()}");

        Assert.Equal(number, room.GetProperty("number").GetString());
        Assert.Equal("Family", room.GetProperty("type").GetString());
        Assert.Equal(180_000m, room.GetProperty("pricePerNight").GetDecimal());
    }

    [Fact]
    public async Task Get_of_an_unknown_room_returns_404_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/rooms/{RoomScenarios.NewRoomNumber()}"), 404);

    [Fact]
    public async Task Get_with_a_number_that_cannot_exist_returns_400_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/api/v1/rooms/much-too-long-number"), 400);

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PATCH", "")]
    [InlineData("GET", "/nights?from=2030-01-01&to=2030-01-02")]
    [InlineData("POST", "/check-out")]
    public async Task Every_route_refuses_a_registered_number_with_a_trailing_newline_naming_number(string method, string rest)
    {
        var number = RoomScenarios.NewRoomNumber();
        await _client.RegisterAsync(number, type: "Family", name: "Family room", pricePerNight: 180_000);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/rooms/{Uri.EscapeDataString(number + "\n")}{rest}")
        {
            Content = method == "PATCH" ? JsonContent.Create(new { name = "Renamed" }) : null,
        };

        await ProblemAssert.HasErrorForAsync(await _client.SendAsync(request), "number");
    }

    [Fact]
    public async Task List_pages_through_every_room_ordered_by_number()
    {
        string[] mine = [RoomScenarios.NewRoomNumber(), RoomScenarios.NewRoomNumber(), RoomScenarios.NewRoomNumber()];
        foreach (var number in mine)
        {
            await _client.RegisterAsync(number);
        }

        var numbers = new List<string>();
        long count;
        var pageIndex = 0;
        do
        {
            var page = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/rooms?pageIndex={pageIndex++}&pageSize=2");
            count = page.GetProperty("count").GetInt64();
            Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
            numbers.AddRange(page.GetProperty("data").EnumerateArray().Select(room => room.GetProperty("number").GetString()!));
        }
        while (numbers.Count < count);

        Assert.Equal(count, numbers.Count);
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);
        Assert.All(mine, number => Assert.Contains(number, numbers));
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("pageIndex=-1")]
    [InlineData("pageSize=ten")]
    public async Task List_with_a_bad_page_returns_400_problem(string query) =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/rooms?{query}"), 400);

    [Fact]
    public async Task The_service_reports_health_and_an_OpenAPI_document()
    {
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/rooms/{number}", out _));
    }
}
