using System.Net;
using System.Text;
using Accommodation.Payments.Api.Apis;
using Accommodation.Payments.Api.Infrastructure.Idempotency;
using Accommodation.Testing;
using Accommodation.Testing.Kafka;

namespace Accommodation.Payments.Tests.Functional;

[Collection(nameof(PaymentApiCollection))]
public sealed class IdempotencyTests(PaymentApiFactory factory)
{
    private const string Approved = "PaymentApprovedIntegrationEvent";

    private readonly HttpClient _client = factory.CreateReservationClient();

    [Fact]
    public async Task The_same_request_five_times_in_a_row_charges_once_and_answers_the_same_each_time()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await _client.PayAsync(reservationNumber));
        }

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Equal([false, true, true, true, true], responses.Select(IsReplay));
        var first = await AnswerAsync(responses[0]);
        foreach (var response in responses.Skip(1))
        {
            Assert.Equal(first, await AnswerAsync(response));
        }

        Assert.Equal(1, await factory.PaymentCountAsync(reservationNumber));
        Assert.Equal(1, await factory.OutboxCountAsync(reservationNumber, Approved));
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        Assert.Single(await reader.ReadAsync(reservationNumber, count: 1, quietPeriod: PaymentApiFactory.DuplicateWindow));
    }

    [Fact]
    public async Task The_same_request_five_times_at_once_charges_once_the_first_wins_the_others_wait_or_replay()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _client.PayAsync(reservationNumber)));

        var winner = Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created && !IsReplay(response));
        var answer = await AnswerAsync(winner);
        foreach (var other in responses.Where(response => response != winner))
        {
            if (other.StatusCode == HttpStatusCode.Conflict)
            {
                await ProblemAssert.IsProblemAsync(other, 409);
            }
            else
            {
                Assert.True(IsReplay(other), $"Neither 409 nor a replay: {(int)other.StatusCode}");
                Assert.Equal(answer, await AnswerAsync(other));
            }
        }

        Assert.Equal(1, await factory.PaymentCountAsync(reservationNumber));
        Assert.Equal(1, await factory.OutboxCountAsync(reservationNumber, Approved));
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        Assert.Single(await reader.ReadAsync(reservationNumber, count: 1, quietPeriod: PaymentApiFactory.DuplicateWindow));

        // Once the winner is done, every retry gets its answer.
        Assert.Equal(answer, await AnswerAsync(await _client.PayAsync(reservationNumber)));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_returns_422_problem_and_charges_nothing_more()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        await _client.PayAsync(reservationNumber, amount: 100_000m);

        var response = await _client.PayAsync(reservationNumber, amount: 100_001m);

        await ProblemAssert.IsProblemAsync(response, 422);
        Assert.Equal(1, await factory.PaymentCountAsync(reservationNumber));
        var other = PaymentScenarios.NewReservationNumber();
        await ProblemAssert.IsProblemAsync(await _client.PayAsync(other, key: PaymentScenarios.KeyFor(reservationNumber)), 422);
        Assert.Equal(0, await factory.PaymentCountAsync(other));
    }

    [Fact]
    public async Task The_same_amount_written_differently_is_the_same_request()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var key = PaymentScenarios.KeyFor(reservationNumber);
        var first = await _client.SendAsync(PaymentScenarios.PayRequest(key, Json($$"""{"reservationNumber":"{{reservationNumber}}","customerId":"c-1","amount":120000}""")));

        var second = await _client.SendAsync(PaymentScenarios.PayRequest(key, Json($$"""{"amount":120000.00,"customerId":"c-1","reservationNumber":"{{reservationNumber}}"}""")));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True(IsReplay(second));
        Assert.Equal(await AnswerAsync(first), await AnswerAsync(second));
    }

    [Fact]
    public async Task A_key_held_by_a_request_still_in_flight_returns_409_problem()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var request = new ApprovePaymentRequest(reservationNumber, "customer-9805", 240_000m);
        await HoldKeyAsync(PaymentScenarios.KeyFor(reservationNumber), request, since: DateTimeOffset.UtcNow);

        var response = await _client.PayAsync(reservationNumber);

        await ProblemAssert.IsProblemAsync(response, 409);
        Assert.Equal(0, await factory.PaymentCountAsync(reservationNumber));
    }

    [Fact]
    public async Task A_key_left_in_flight_by_a_crashed_request_is_taken_over_after_the_timeout()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var request = new ApprovePaymentRequest(reservationNumber, "customer-9805", 240_000m);
        await HoldKeyAsync(PaymentScenarios.KeyFor(reservationNumber), request, since: DateTimeOffset.UtcNow.AddMinutes(-2));

        var response = await _client.PayAsync(reservationNumber);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(IsReplay(response));
        Assert.Equal(1, await factory.PaymentCountAsync(reservationNumber));
        Assert.True(IsReplay(await _client.PayAsync(reservationNumber)));
    }

    [Fact]
    public async Task A_declined_charge_returns_402_problem_writes_no_payment_and_is_replayed()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        await using var decliningService = factory.WithGateway(("DeclineRate", "1"));
        var client = decliningService.CreateReservationClient();

        var declined = await client.PayAsync(reservationNumber);
        var retried = await client.PayAsync(reservationNumber);

        await ProblemAssert.IsProblemAsync(declined, 402);
        Assert.False(IsReplay(declined));
        await ProblemAssert.IsProblemAsync(retried, 402);
        Assert.True(IsReplay(retried));
        Assert.Equal(await AnswerAsync(declined), await AnswerAsync(retried));
        Assert.Equal(0, await factory.PaymentCountAsync(reservationNumber));
        Assert.Equal(0, await factory.OutboxCountAsync(reservationNumber, Approved));
    }

    [Fact]
    public async Task An_unanswered_charge_returns_503_problem_and_frees_the_key_for_the_retry()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        await using (var failingService = factory.WithGateway(("UnavailableRate", "1")))
        {
            await ProblemAssert.IsProblemAsync(await failingService.CreateReservationClient().PayAsync(reservationNumber), 503);
        }

        Assert.False(await factory.IdempotencyKeyExistsAsync(PaymentScenarios.KeyFor(reservationNumber)));
        Assert.Equal(0, await factory.PaymentCountAsync(reservationNumber));

        var retried = await _client.PayAsync(reservationNumber);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(IsReplay(retried));
        Assert.Equal(1, await factory.PaymentCountAsync(reservationNumber));
    }

    private Task HoldKeyAsync(string key, ApprovePaymentRequest request, DateTimeOffset since) =>
        factory.QueryAsync(async db =>
        {
            db.IdempotencyRecords.Add(IdempotencyRecord.Begin(new IdempotencyKey(PaymentClients.Reservation, key), RequestFingerprint.Of(request), since));
            return await db.SaveChangesAsync();
        });

    private static bool IsReplay(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";

    /// <summary>What a client sees: status, content type, location and the body's bytes.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
