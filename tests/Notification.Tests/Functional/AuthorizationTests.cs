using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Notification.Tests.Support;
using Accommodation.Testing;

namespace Accommodation.Notification.Tests.Functional;

/// <summary>
/// A customer reads their own notices and a manager anyone's; another customer's log or notice is answered as if
/// there were none. Notices are made from events only: no request body sets anything here.
/// </summary>
[Collection(nameof(NotificationCollection))]
public sealed class AuthorizationTests(NotificationFixture fixture)
{
    // Each refused token carries the customer and manager roles: only its flaw keeps it out.
    private static readonly string[] Routes = ["/api/v1/notices?customerId={customer}", "/api/v1/notices/{notice}"];

    private readonly HttpClient _anonymous = fixture.Service.CreateClient();
    private readonly HttpClient _manager = fixture.Service.CreateManagerClient();

    public static TheoryData<string, string> RoutesWithRefusedTokens() => TestTokens.WithEachRefusedToken(Routes);

    public static TheoryData<string> RouteData => [.. Routes];

    [Theory]
    [MemberData(nameof(RoutesWithRefusedTokens))]
    public async Task A_route_without_a_valid_token_is_a_401_problem_with_a_bearer_challenge(string route, string token)
    {
        var kims = await NoticeOfAsync(TestReservation.NewCustomerId());
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(route, kims));
        if (TestTokens.RefusedToken(NotificationApiFactory.Audience, token) is { } bearer)
        {
            request.WithBearer(bearer);
        }

        using var response = await _anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, 401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RouteData))]
    public async Task A_token_of_neither_a_customer_nor_a_manager_is_a_403_problem_even_for_its_own_subject(string route)
    {
        // Client credentials, as reservation's: a valid token, its subject the client, and no role at all.
        var clientId = TestReservation.NewCustomerId();
        using var client = fixture.Service.CreateClient(TestTokens.Service(clientId, NotificationApiFactory.Audience, "payment.pay"));
        var its = await NoticeOfAsync(clientId);

        using var response = await client.GetAsync(Path(route, its));

        await ProblemAssert.IsProblemAsync(response, 403);
    }

    [Fact]
    public async Task Another_customers_notice_is_a_404_problem_like_a_notice_that_does_not_exist()
    {
        var kims = await NoticeOfAsync(TestReservation.NewCustomerId());
        using var lee = fixture.Service.CreateCustomerClient(TestReservation.NewCustomerId());
        var unknown = Guid.NewGuid();

        using var theirs = await lee.GetAsync($"/api/v1/notices/{kims.Id}");
        using var none = await lee.GetAsync($"/api/v1/notices/{unknown}");

        var problem = await ProblemAssert.IsProblemAsync(theirs, 404);
        Assert.Equal(Shape(await ProblemAssert.IsProblemAsync(none, 404), unknown.ToString()), Shape(problem, kims.Id.ToString()));
        Assert.DoesNotContain(kims.CustomerId, problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&reservationNumber={reservation}")]
    public async Task Another_customers_log_is_a_404_problem_whether_or_not_it_has_notices(string filter)
    {
        var kims = await NoticeOfAsync(TestReservation.NewCustomerId());
        var nobody = TestReservation.NewCustomerId();
        using var lee = fixture.Service.CreateCustomerClient(TestReservation.NewCustomerId());

        using var theirs = await lee.GetAsync($"/api/v1/notices?customerId={kims.CustomerId}{filter.Replace("{reservation}", kims.ReservationNumber, StringComparison.Ordinal)}");
        using var none = await lee.GetAsync($"/api/v1/notices?customerId={nobody}{filter.Replace("{reservation}", kims.ReservationNumber, StringComparison.Ordinal)}");

        var problem = await ProblemAssert.IsProblemAsync(theirs, 404);
        Assert.Equal(Shape(await ProblemAssert.IsProblemAsync(none, 404), nobody), Shape(problem, kims.CustomerId));
        Assert.DoesNotContain(kims.ReservationNumber, problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/notices")]
    [InlineData("/api/v1/notices?customerId={customer}")]
    [InlineData("/api/v1/notices?reservationNumber={reservation}")]
    public async Task A_customer_reads_their_own_log_named_or_not_and_nobody_elses(string url)
    {
        var kims = await NoticeOfAsync(TestReservation.NewCustomerId());
        await NoticeOfAsync(TestReservation.NewCustomerId());
        using var kim = fixture.Service.CreateCustomerClient(kims.CustomerId);

        var page = await kim.GetFromJsonAsync<JsonElement>(url
            .Replace("{customer}", kims.CustomerId, StringComparison.Ordinal)
            .Replace("{reservation}", kims.ReservationNumber, StringComparison.Ordinal));

        Assert.Equal(1, page.GetProperty("count").GetInt64());
        Assert.Equal(kims.Id, Assert.Single(page.GetProperty("data").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_customer_and_a_manager_read_the_customers_notice()
    {
        var kims = await NoticeOfAsync(TestReservation.NewCustomerId());
        using var kim = fixture.Service.CreateCustomerClient(kims.CustomerId);

        var byKim = await kim.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{kims.Id}");
        var byManager = await _manager.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{kims.Id}");

        Assert.Equal(kims.Id, byKim.GetProperty("id").GetGuid());
        Assert.Equal(kims.CustomerId, byManager.GetProperty("customerId").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("reservationNumber=R-1")]
    public async Task A_manager_names_whose_log_to_read(string query) =>
        await ProblemAssert.HasErrorForAsync(await _manager.GetAsync($"/api/v1/notices?{query}"), "customerId");

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/openapi/v1.json")]
    public async Task The_anonymous_routes_need_no_token(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(path)).StatusCode);

    [Fact]
    public async Task The_OpenAPI_document_says_every_notice_route_answers_401_403_and_404()
    {
        var paths = (await _anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/notices", "/api/v1/notices/{id}" })
        {
            var responses = paths.GetProperty(path).GetProperty("get").GetProperty("responses");
            Assert.True(new[] { "401", "403", "404" }.All(status => responses.TryGetProperty(status, out _)), $"{path}: {responses}");
        }
    }

    private static string Path(string route, Notice notice) => route
        .Replace("{customer}", notice.CustomerId, StringComparison.Ordinal)
        .Replace("{notice}", notice.Id.ToString(), StringComparison.Ordinal);

    // A problem as its reader sees it, the id asked for put back as a placeholder: equal shapes tell nothing apart.
    private static string Shape(JsonElement problem, string asked) => string.Join('|',
        from member in problem.EnumerateObject()
        where member.Name != "traceId"
        orderby member.Name
        select $"{member.Name}={member.Value}".Replace(asked, "{id}", StringComparison.Ordinal));

    /// <summary>The one notice of a reservation confirmed for <paramref name="customerId"/>, once it is logged.</summary>
    private async Task<Notice> NoticeOfAsync(string customerId)
    {
        var reservation = TestReservation.New(customerId);
        await fixture.Publisher.PublishAsync(reservation.Confirmed(Guid.CreateVersion7()));
        var notice = Assert.Single(await _manager.WaitForNoticesAsync(customerId, 1, "Sent"));
        return new Notice(customerId, reservation.ReservationNumber, notice.GetProperty("id").GetGuid());
    }

    private sealed record Notice(string CustomerId, string ReservationNumber, Guid Id);
}
