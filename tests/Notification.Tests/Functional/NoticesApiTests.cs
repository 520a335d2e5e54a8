using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Notification.Tests.Support;
using Accommodation.Testing;

namespace Accommodation.Notification.Tests.Functional;

[Collection(nameof(NotificationCollection))]
public sealed class NoticesApiTests(NotificationFixture fixture)
{
    private readonly HttpClient _client = fixture.Service.CreateManagerClient();

    [Fact]
    public async Task The_log_pages_through_a_customers_notices_newest_first_and_filters_by_reservation()
    {
        var customerId = TestReservation.NewCustomerId();
        var first = TestReservation.New(customerId);
        var second = TestReservation.New(customerId);
        await fixture.Publisher.PublishAsync(first.Placed(DateTimeOffset.UtcNow.AddMinutes(15)));
        await fixture.Publisher.PublishAsync(first.Expired());
        await fixture.Publisher.PublishAsync(second.Placed(DateTimeOffset.UtcNow.AddMinutes(15)));
        var all = await _client.WaitForNoticesAsync(customerId, 3, "Sent");

        var page0 = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/notices?customerId={customerId}&pageIndex=0&pageSize=2");
        var page1 = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/notices?customerId={customerId}&pageIndex=1&pageSize=2");
        Assert.Equal(3, page0.GetProperty("count").GetInt64());
        Assert.Equal(
            all.Select(notice => notice.GetProperty("id").GetString()),
            page0.GetProperty("data").EnumerateArray().Concat(page1.GetProperty("data").EnumerateArray()).Select(notice => notice.GetProperty("id").GetString()));
        var createdAt = all.Select(notice => notice.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(createdAt.OrderDescending(), createdAt);

        var ofFirst = await _client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/notices?customerId={customerId}&reservationNumber={first.ReservationNumber}");
        Assert.Equal(2, ofFirst.GetProperty("count").GetInt64());
        Assert.All(ofFirst.GetProperty("data").EnumerateArray(),
            notice => Assert.Equal(first.ReservationNumber, notice.GetProperty("reservationNumber").GetString()));
    }

    [Fact]
    public async Task A_customer_without_notices_has_an_empty_log()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/notices?customerId={TestReservation.NewCustomerId()}");

        Assert.Equal(0, page.GetProperty("count").GetInt64());
        Assert.Empty(page.GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData("", "customerId")]
    [InlineData("customerId=", "customerId")]
    [InlineData("customerId=%20%20", "customerId")]
    [InlineData("customerId=C-1&pageSize=0", "pageSize")]
    [InlineData("customerId=C-1&pageSize=101", "pageSize")]
    [InlineData("customerId=C-1&pageIndex=-1", "pageIndex")]
    [InlineData("customerId=C-1&reservationNumber=", "reservationNumber")]
    [InlineData("customerId=C-1%01", "customerId")]
    [InlineData("customerId=C-1%0A", "customerId")]
    [InlineData("customerId=C-1&reservationNumber=R%2020310601", "reservationNumber")]
    [InlineData("customerId=C-1&reservationNumber=R-20310601-7F3K9Q%0A", "reservationNumber")]
    public async Task A_bad_log_query_is_a_400_problem_naming_the_field(string query, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/notices?{query}"), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("customerId=")]
    [InlineData("customerId=%20%20")]
    [InlineData("customerId=C-1%0A")]
    [InlineData("reservationNumber=")]
    public async Task A_bad_log_query_of_a_customer_is_a_400_problem_too(string query) =>
        await ProblemAssert.IsProblemAsync(await fixture.Service.CreateCustomerClient("C-1").GetAsync($"/api/v1/notices?{query}"), 400);

    [Fact]
    public async Task Any_customer_id_payment_takes_can_be_asked_for() =>
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/v1/notices?customerId={Uri.EscapeDataString("홍 길동")}")).StatusCode);

    [Fact]
    public async Task A_customer_id_longer_than_any_stored_one_is_a_400_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/notices?customerId={new string('c', 101)}"), 400);

    [Fact]
    public async Task A_page_size_that_is_no_number_is_a_400_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/api/v1/notices?customerId=C-1&pageSize=ten"), 400);

    [Fact]
    public async Task A_notice_id_that_is_no_guid_is_a_400_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/api/v1/notices/not-a-guid"), 400);

    [Fact]
    public async Task An_unknown_notice_is_a_404_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/v1/notices/{Guid.NewGuid()}"), 404);

    [Fact]
    public async Task The_service_reports_health_and_an_OpenAPI_document()
    {
        var anonymous = fixture.Service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/notices/{id}", out _));
    }
}
