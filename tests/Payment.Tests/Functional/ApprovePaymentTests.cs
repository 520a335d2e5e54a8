using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;
using Accommodation.Testing.Kafka;

namespace Accommodation.Payments.Tests.Functional;

[Collection(nameof(PaymentApiCollection))]
public sealed class ApprovePaymentTests(PaymentApiFactory factory)
{
    private readonly HttpClient _reservation = factory.CreateReservationClient();
    private readonly HttpClient _manager = factory.CreateManagerClient();

    [Fact]
    public async Task Approve_returns_201_with_the_payment_and_publishes_PaymentApproved_keyed_by_reservation_number()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();

        var response = await _reservation.PayAsync(reservationNumber, amount: 360_000.50m, customerId: "customer-1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
        var payment = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paymentId = payment.GetProperty("paymentId").GetGuid();
        Assert.Equal($"/api/v1/payments/{paymentId}", response.Headers.Location?.OriginalString);
        Assert.Equal(reservationNumber, payment.GetProperty("reservationNumber").GetString());
        Assert.Equal("customer-1", payment.GetProperty("customerId").GetString());
        Assert.Equal(360_000.50m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal("Approved", payment.GetProperty("status").GetString());
        var approvedAt = payment.GetProperty("approvedAt").GetDateTimeOffset();

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        var approved = Assert.Single(await reader.ReadAsync(reservationNumber, count: 1, quietPeriod: PaymentApiFactory.DuplicateWindow));
        Assert.Equal(reservationNumber, approved.Key);
        Assert.Equal("PaymentApprovedIntegrationEvent", approved.EventType);
        Assert.Equal(approved.EventId, approved.Payload.GetProperty("id").GetString());
        Assert.Equal(paymentId, approved.Payload.GetProperty("paymentId").GetGuid());
        Assert.Equal(reservationNumber, approved.Payload.GetProperty("reservationNumber").GetString());
        Assert.Equal("customer-1", approved.Payload.GetProperty("customerId").GetString());
        Assert.Equal(360_000.50m, approved.Payload.GetProperty("amount").GetDecimal());
        Assert.Equal(approvedAt, approved.Payload.GetProperty("approvedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_payment_can_be_read_by_id_and_listed_by_reservation_number()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var created = await (await _reservation.PayAsync(reservationNumber)).Content.ReadFromJsonAsync<JsonElement>();
        var paymentId = created.GetProperty("paymentId").GetGuid();

        var read = await _manager.GetFromJsonAsync<JsonElement>($"/api/v1/payments/{paymentId}");
        var listed = await _manager.GetFromJsonAsync<JsonElement>($"/api/v1/payments?reservationNumber={reservationNumber}");

        Assert.Equal(created.ToString(), read.ToString());
        Assert.Equal(created.ToString(), Assert.Single(listed.EnumerateArray()).ToString());
    }

    [Fact]
    public async Task A_reservation_without_payments_lists_none() =>
        Assert.Empty((await _manager.GetFromJsonAsync<JsonElement>(
            $"/api/v1/payments?reservationNumber={PaymentScenarios.NewReservationNumber()}")).EnumerateArray());

    [Fact]
    public async Task Get_of_an_unknown_payment_returns_404_problem() =>
        await ProblemAssert.IsProblemAsync(await _manager.GetAsync($"/api/v1/payments/{Guid.NewGuid()}"), 404);

    [Theory]
    [InlineData("/api/v1/payments/not-a-guid")]
    [InlineData("/api/v1/payments")]
    [InlineData("/api/v1/payments?reservationNumber=")]
    [InlineData("/api/v1/payments?reservationNumber=no%20spaces")]
    public async Task Bad_queries_return_400_problem(string url) =>
        await ProblemAssert.IsProblemAsync(await _manager.GetAsync(url), 400);

    [Theory]
    [InlineData("/api/v1/payments/not-a-guid")]
    [InlineData("/api/v1/payments?reservationNumber=")]
    [InlineData("/api/v1/payments?reservationNumber=no%20spaces")]
    [InlineData("/api/v1/payments?customerId=")]
    [InlineData("/api/v1/payments?customerId=%20")]
    public async Task Bad_queries_of_a_customer_return_400_problem(string url) =>
        await ProblemAssert.IsProblemAsync(await factory.CreateCustomerClient("kim").GetAsync(url), 400);

    [Fact]
    public async Task The_service_reports_health_and_an_OpenAPI_document()
    {
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var post = document.GetProperty("paths").GetProperty("/api/v1/payments").GetProperty("post");
        Assert.All(["201", "400", "402", "409", "422"], status => Assert.True(post.GetProperty("responses").TryGetProperty(status, out _), status));
    }
}
