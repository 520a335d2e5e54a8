using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;
using Accommodation.Testing.Kafka;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class PayTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Fact]
    public async Task Pay_calls_payment_with_the_reservations_key_and_amount_and_confirms_in_the_same_request()
    {
        var room = await factory.RegisterRoomAsync(pricePerNight: 80_000m);
        var client = factory.CreateCustomerClient("pay-1");
        var held = await client.ReservedAsync(room, ReservationScenarios.Day(5), ReservationScenarios.Day(7));
        var number = held.Number();

        var response = await client.ActAsync(number, "pay");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirmed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Confirmed", confirmed.Status());
        Assert.Equal(2, confirmed.GetProperty("version").GetInt32());
        var paymentId = confirmed.GetProperty("paymentId").GetGuid();
        Assert.NotEqual(Guid.Empty, paymentId);
        var call = Assert.Single(factory.Payment.CallsFor(number));
        Assert.Equal(new PaymentCall($"reservation-{number}-1", number, "pay-1", 160_000m), call);
        Assert.Equal("Confirmed", (await client.GetReservationAsync(number)).Status());

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, ReservationApiFactory.ReservationEventsTopic);
        var events = await reader.ReadAsync(number, count: 2);
        Assert.Equal(["ReservationPlacedIntegrationEvent", "ReservationConfirmedIntegrationEvent"], events.Select(e => e.EventType));
        var confirmedEvent = events[1].Payload;
        Assert.Equal("Confirmed", confirmedEvent.GetProperty("status").GetString());
        Assert.Equal(paymentId, confirmedEvent.GetProperty("paymentId").GetGuid());
        Assert.Equal(2, confirmedEvent.GetProperty("version").GetInt32());
        Assert.Equal(160_000m, confirmedEvent.GetProperty("totalPrice").GetDecimal());
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_with_the_same_idempotency_key()
    {
        var number = (await ReservedAsync()).Number();
        factory.Payment.Script(number, PaymentAnswer.Fail);

        var response = await _client.ActAsync(number, "pay");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = factory.Payment.CallsFor(number);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal($"reservation-{number}-1", call.IdempotencyKey));
    }

    [Fact]
    public async Task Payment_unavailable_answers_503_pay_later_keeps_the_hold_and_the_later_payment_uses_the_same_key()
    {
        var number = (await ReservedAsync()).Number();
        factory.Payment.Script(number, Enumerable.Repeat(PaymentAnswer.Fail, 10).ToArray());

        var later = await _client.ActAsync(number, "pay");

        var problem = await ProblemAssert.IsProblemAsync(later, 503);
        Assert.Contains("later", problem.GetProperty("title").GetString());
        Assert.NotNull(later.Headers.RetryAfter);
        Assert.Equal("Held", (await _client.GetReservationAsync(number)).Status());
        Assert.Equal(1, await factory.OutboxCountAsync(number));

        factory.Payment.Script(number);
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(number, "pay")).StatusCode);
        Assert.All(factory.Payment.CallsFor(number), call => Assert.Equal($"reservation-{number}-1", call.IdempotencyKey));
        Assert.True(factory.Payment.CallsFor(number).Count > 2);
    }

    [Fact]
    public async Task A_declined_payment_answers_402_and_the_reservation_stays_held()
    {
        var number = (await ReservedAsync()).Number();
        factory.Payment.Script(number, PaymentAnswer.Decline);

        var response = await _client.ActAsync(number, "pay");

        var problem = await ProblemAssert.IsProblemAsync(response, 402);
        Assert.Contains("declined", problem.GetProperty("detail").GetString());
        var reservation = await _client.GetReservationAsync(number);
        Assert.Equal("Held", reservation.Status());
        Assert.Equal(JsonValueKind.Null, reservation.GetProperty("paymentId").ValueKind);
        Assert.Equal(1, reservation.GetProperty("version").GetInt32());
        Assert.Equal(1, await factory.OutboxCountAsync(number));
        Assert.Single(factory.Payment.CallsFor(number));
    }

    [Fact]
    public async Task Paying_again_after_a_decline_is_a_new_attempt_with_its_own_key()
    {
        var number = (await ReservedAsync()).Number();
        factory.Payment.Script(number, PaymentAnswer.Decline, PaymentAnswer.Approve);
        await ProblemAssert.IsProblemAsync(await _client.ActAsync(number, "pay"), 402);

        var paid = await _client.ActAsync(number, "pay");

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("Confirmed", (await _client.GetReservationAsync(number)).Status());
        Assert.Equal([$"reservation-{number}-1", $"reservation-{number}-2"], factory.Payment.CallsFor(number).Select(call => call.IdempotencyKey));
    }

    [Fact]
    public async Task Paying_twice_is_refused_with_409_without_asking_payment_again()
    {
        var number = (await ReservedAsync()).Number();
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(number, "pay")).StatusCode);

        var again = await _client.ActAsync(number, "pay");

        await ProblemAssert.IsProblemAsync(again, 409);
        Assert.Single(factory.Payment.CallsFor(number));
        Assert.Equal(2, await factory.OutboxCountAsync(number));
    }

    [Fact]
    public async Task Concurrent_payments_of_one_reservation_charge_once_and_confirm_once()
    {
        var number = (await ReservedAsync()).Number();
        factory.Payment.Latency = TimeSpan.FromMilliseconds(200);
        try
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _client.ActAsync(number, "pay")));

            Assert.Single(responses, response => response.StatusCode == HttpStatusCode.OK);
            Assert.All(responses.Where(response => response.StatusCode != HttpStatusCode.OK),
                response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));
        }
        finally
        {
            factory.Payment.Latency = TimeSpan.Zero;
        }

        // One charge is one idempotency key: on a loaded machine an attempt can pass the 610 ms timeout and be retried
        // with the same key, which payment answers from what it stored.
        Assert.Single(factory.Payment.CallsFor(number).Select(call => call.IdempotencyKey).Distinct());
        Assert.Equal(2, await factory.OutboxCountAsync(number));
    }

    [Fact]
    public async Task A_cancelled_reservation_is_refused_with_409_and_payment_is_never_called()
    {
        var number = (await ReservedAsync()).Number();
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(number, "cancel")).StatusCode);

        var response = await _client.ActAsync(number, "pay");

        var problem = await ProblemAssert.IsProblemAsync(response, 409);
        Assert.Contains("Cancelled", problem.GetProperty("detail").GetString());
        Assert.Empty(factory.Payment.CallsFor(number));
    }

    [Fact]
    public async Task Paying_an_unknown_reservation_is_404_and_payment_is_never_called()
    {
        var response = await _client.ActAsync("R-20000101-000000", "pay");

        await ProblemAssert.IsProblemAsync(response, 404);
        Assert.Empty(factory.Payment.CallsFor("R-20000101-000000"));
    }

    private async Task<JsonElement> ReservedAsync()
    {
        var room = await factory.RegisterRoomAsync();
        return await _client.ReservedAsync(room, ReservationScenarios.Day(5), ReservationScenarios.Day(6));
    }
}
