using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Payments.Tests.Functional;

/// <summary>
/// Only a client with the payment.pay scope charges; a customer reads their own payments and a manager anyone's, and
/// another customer's payment is answered as if there were none. Idempotency-Keys are each client's own.
/// </summary>
[Collection(nameof(PaymentApiCollection))]
public sealed class AuthorizationTests(PaymentApiFactory factory)
{
    // Each refused token carries the customer and manager roles: only its flaw keeps it out.
    private static readonly string[] ReadRoutes = ["GET /api/v1/payments?reservationNumber={reservation}", "GET /api/v1/payments/{payment}"];

    private static readonly string[] Routes = ["POST /api/v1/payments", .. ReadRoutes];

    private readonly HttpClient _anonymous = factory.CreateClient();
    private readonly HttpClient _reservation = factory.CreateReservationClient();
    private readonly HttpClient _manager = factory.CreateManagerClient();

    public static TheoryData<string, string> RoutesWithRefusedTokens() => TestTokens.WithEachRefusedToken(Routes);

    public static TheoryData<string> ReadRouteData => [.. ReadRoutes];

    [Theory]
    [MemberData(nameof(RoutesWithRefusedTokens))]
    public async Task A_route_without_a_valid_token_is_a_401_problem_with_a_bearer_challenge_and_charges_nothing(string route, string token)
    {
        var kims = await PaidAsync(NewCustomerId("kim"));
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        using var request = Request(route, kims, reservationNumber);
        if (TestTokens.RefusedToken(PaymentApiFactory.Audience, token) is { } bearer)
        {
            request.WithBearer(bearer);
        }

        using var response = await _anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, 401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertNothingChargedAsync(reservationNumber);
    }

    [Theory]
    [InlineData("a customer")]
    [InlineData("a manager")]
    [InlineData("a client without payment.pay")]
    public async Task Charging_without_the_payment_pay_scope_is_a_403_problem_and_charges_nothing(string caller)
    {
        using var client = factory.CreateClient(caller switch
        {
            "a customer" => TestTokens.Customer("kim", PaymentApiFactory.Audience),
            "a manager" => TestTokens.Manager(PaymentApiFactory.Audience),
            _ => TestTokens.Service(PaymentClients.Reservation, PaymentApiFactory.Audience, "payment.read"),
        });
        var reservationNumber = PaymentScenarios.NewReservationNumber();

        using var response = await client.PayAsync(reservationNumber, customerId: "kim");

        await ProblemAssert.IsProblemAsync(response, 403);
        await AssertNothingChargedAsync(reservationNumber);
    }

    [Theory]
    [MemberData(nameof(ReadRouteData))]
    public async Task Reading_with_a_token_of_neither_a_customer_nor_a_manager_is_a_403_problem(string route)
    {
        // Reservation's own client credentials charge, but read nothing, not even what they charged.
        var kims = await PaidAsync(NewCustomerId("kim"));

        using var response = await _reservation.SendAsync(Request(route, kims, kims.ReservationNumber));

        await ProblemAssert.IsProblemAsync(response, 403);
    }

    [Fact]
    public async Task Another_customers_payment_is_a_404_problem_like_a_payment_that_does_not_exist()
    {
        var kims = await PaidAsync(NewCustomerId("kim"));
        using var lee = factory.CreateCustomerClient(NewCustomerId("lee"));
        var unknown = Guid.NewGuid();

        using var theirs = await lee.GetAsync($"/api/v1/payments/{kims.PaymentId}");
        using var none = await lee.GetAsync($"/api/v1/payments/{unknown}");

        var problem = await ProblemAssert.IsProblemAsync(theirs, 404);
        Assert.Equal(Shape(await ProblemAssert.IsProblemAsync(none, 404), unknown.ToString()), Shape(problem, kims.PaymentId.ToString()));
        Assert.DoesNotContain(kims.CustomerId, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_customers_payments_are_not_listed_by_customer_nor_by_reservation()
    {
        var kims = await PaidAsync(NewCustomerId("kim"));
        using var lee = factory.CreateCustomerClient(NewCustomerId("lee"));

        using var byCustomer = await lee.GetAsync($"/api/v1/payments?customerId={kims.CustomerId}");
        var byReservation = await lee.GetFromJsonAsync<JsonElement>($"/api/v1/payments?reservationNumber={kims.ReservationNumber}");

        var problem = await ProblemAssert.IsProblemAsync(byCustomer, 404);
        Assert.DoesNotContain(kims.ReservationNumber, problem.ToString(), StringComparison.Ordinal);
        // The answer for a reservation without payments: nothing tells lee that kim's exists.
        Assert.Empty(byReservation.EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/payments")]
    [InlineData("/api/v1/payments?customerId={customer}")]
    [InlineData("/api/v1/payments?reservationNumber={reservation}")]
    [InlineData("/api/v1/payments?customerId={customer}&reservationNumber={reservation}")]
    public async Task A_customer_lists_their_own_payments_only(string url)
    {
        var kims = await PaidAsync(NewCustomerId("kim"));
        var another = await PaidAsync(kims.CustomerId);
        await PaidAsync(NewCustomerId("lee"));
        using var kim = factory.CreateCustomerClient(kims.CustomerId);

        var listed = await kim.GetFromJsonAsync<JsonElement>(url
            .Replace("{customer}", kims.CustomerId, StringComparison.Ordinal)
            .Replace("{reservation}", kims.ReservationNumber, StringComparison.Ordinal));

        var expected = url.Contains("{reservation}", StringComparison.Ordinal) ? new[] { kims.PaymentId } : [kims.PaymentId, another.PaymentId];
        Assert.Equal(expected.Order(), listed.EnumerateArray().Select(payment => payment.GetProperty("paymentId").GetGuid()).Order());
    }

    [Fact]
    public async Task The_customer_and_a_manager_read_the_customers_payment()
    {
        var kims = await PaidAsync(NewCustomerId("kim"));
        using var kim = factory.CreateCustomerClient(kims.CustomerId);

        var byKim = await kim.GetFromJsonAsync<JsonElement>($"/api/v1/payments/{kims.PaymentId}");
        var byManager = await _manager.GetFromJsonAsync<JsonElement>($"/api/v1/payments/{kims.PaymentId}");
        var listedByManager = await _manager.GetFromJsonAsync<JsonElement>($"/api/v1/payments?customerId={kims.CustomerId}");

        Assert.Equal(kims.PaymentId, byKim.GetProperty("paymentId").GetGuid());
        Assert.Equal(byKim.ToString(), byManager.ToString());
        Assert.Equal(byKim.ToString(), Assert.Single(listedByManager.EnumerateArray()).ToString());
    }

    [Fact]
    public async Task A_manager_names_whose_payments_to_list() =>
        await ProblemAssert.HasErrorForAsync(await _manager.GetAsync("/api/v1/payments"), "customerId");

    [Fact]
    public async Task What_a_caller_could_set_beyond_reservation_customer_and_amount_is_ignored()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var forgedId = Guid.NewGuid();
        var body = $$"""
            {"reservationNumber":"{{reservationNumber}}","customerId":"kim","amount":120000,
             "paymentId":"{{forgedId}}","id":"{{forgedId}}","status":"Refunded","approvedAt":"2000-01-01T00:00:00Z",
             "refundedAmount":999999,"refundRate":1,"refundedAt":"2000-01-02T00:00:00Z",
             "gatewayTransactionId":"forged","version":42,"clientId":"someone-else"}
            """;

        using var response = await _reservation.SendAsync(PaymentScenarios.PayRequest(
            PaymentScenarios.KeyFor(reservationNumber), new StringContent(body, Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(forgedId, payment.GetProperty("paymentId").GetGuid());
        Assert.Equal("Approved", payment.GetProperty("status").GetString());
        Assert.Equal(120_000m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("refundedAmount").ValueKind);
        Assert.True(payment.GetProperty("approvedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var stored = await factory.QueryAsync(db => db.Payments.SingleAsync(p => p.ReservationNumber == reservationNumber));
        Assert.Equal((payment.GetProperty("paymentId").GetGuid(), 1, "kim"), (stored.Id, stored.Version, stored.CustomerId));
        Assert.NotEqual("forged", stored.GatewayTransactionId);
        // The key is reservation's, whatever the body says.
        using var replay = await _reservation.SendAsync(PaymentScenarios.PayRequest(
            PaymentScenarios.KeyFor(reservationNumber), new StringContent(body, Encoding.UTF8, "application/json")));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Another_client_using_the_same_key_gets_its_own_answer_never_the_recorded_one()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var key = PaymentScenarios.KeyFor(reservationNumber);
        using var checkout = factory.CreateClient(PaymentClients.ServiceToken("checkout"));
        var reservations = await (await _reservation.PayAsync(reservationNumber, key: key)).Content.ReadFromJsonAsync<JsonElement>();

        using var sameBody = await checkout.PayAsync(reservationNumber, key: key);
        using var otherBody = await checkout.PayAsync(reservationNumber, amount: 1_000m, key: key);
        using var reservationsRetry = await _reservation.PayAsync(reservationNumber, key: key);

        // Not reservation's recorded answer, not its "in flight" or "key reused": checkout's key is a new key.
        Assert.Equal(HttpStatusCode.Created, sameBody.StatusCode);
        Assert.False(sameBody.Headers.Contains("Idempotent-Replayed"));
        var checkouts = await sameBody.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(reservations.GetProperty("paymentId").GetGuid(), checkouts.GetProperty("paymentId").GetGuid());
        // ...and checkout's own, so its own rules apply: the same key with another body is refused.
        await ProblemAssert.IsProblemAsync(otherBody, 422);
        Assert.True(reservationsRetry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(reservations.ToString(), (await reservationsRetry.Content.ReadFromJsonAsync<JsonElement>()).ToString());
        Assert.Equal(2, await factory.PaymentCountAsync(reservationNumber));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/openapi/v1.json")]
    public async Task The_anonymous_routes_need_no_token(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(path)).StatusCode);

    [Fact]
    public async Task The_OpenAPI_document_says_every_payment_route_answers_401_and_403()
    {
        var paths = (await _anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/v1/payments", "post"), ("/api/v1/payments", "get"), ("/api/v1/payments/{paymentId}", "get") })
        {
            var responses = paths.GetProperty(path).GetProperty(method).GetProperty("responses");
            Assert.True(new[] { "401", "403" }.All(status => responses.TryGetProperty(status, out _)), $"{method} {path}: {responses}");
        }
    }

    private static string NewCustomerId(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private static HttpRequestMessage Request(string route, Paid paid, string reservationNumber)
    {
        if (route.StartsWith("POST ", StringComparison.Ordinal))
        {
            return PaymentScenarios.PayRequest(PaymentScenarios.KeyFor(reservationNumber),
                JsonContent.Create(new { reservationNumber, customerId = paid.CustomerId, amount = 1_000m }));
        }

        return new HttpRequestMessage(HttpMethod.Get, route["GET ".Length..]
            .Replace("{reservation}", paid.ReservationNumber, StringComparison.Ordinal)
            .Replace("{payment}", paid.PaymentId.ToString(), StringComparison.Ordinal));
    }

    // A problem as its reader sees it, the id asked for put back as a placeholder: equal shapes tell nothing apart.
    private static string Shape(JsonElement problem, string asked) => string.Join('|',
        from member in problem.EnumerateObject()
        where member.Name != "traceId"
        orderby member.Name
        select $"{member.Name}={member.Value}".Replace(asked, "{id}", StringComparison.Ordinal));

    private async Task AssertNothingChargedAsync(string reservationNumber)
    {
        Assert.Equal(0, await factory.PaymentCountAsync(reservationNumber));
        Assert.False(await factory.IdempotencyKeyExistsAsync(PaymentScenarios.KeyFor(reservationNumber)));
    }

    /// <summary>A payment reservation made for <paramref name="customerId"/>.</summary>
    private async Task<Paid> PaidAsync(string customerId)
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        using var response = await _reservation.PayAsync(reservationNumber, customerId: customerId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Paid(customerId, reservationNumber, payment.GetProperty("paymentId").GetGuid());
    }

    private sealed record Paid(string CustomerId, string ReservationNumber, Guid PaymentId);
}
