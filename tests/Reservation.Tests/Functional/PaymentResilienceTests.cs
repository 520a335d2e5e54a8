using System.Net;
using System.Net.Http.Json;
using Accommodation.Reservations.Infrastructure.Payments;
using Accommodation.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Reservations.Tests.Functional;

/// <summary>The appsettings resilience of the reservation → payment call: 610 ms per attempt, one retry with the same key.</summary>
[Collection(nameof(ReservationApiCollection))]
public sealed class PaymentTimeoutTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Fact]
    public async Task An_attempt_slower_than_610_ms_is_abandoned_retried_once_with_the_same_key_then_pay_later()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await _client.ReservedAsync(room, ReservationScenarios.Day(30), ReservationScenarios.Day(31))).Number();
        factory.Payment.Latency = TimeSpan.FromSeconds(3);
        try
        {
            var later = await _client.ActAsync(number, "pay");

            await ProblemAssert.IsProblemAsync(later, 503);
            Assert.Equal(TimeSpan.FromSeconds(5), later.Headers.RetryAfter?.Delta);
            Assert.Equal("Held", (await _client.GetReservationAsync(number)).Status());
            var calls = factory.Payment.CallsFor(number);
            Assert.Equal(2, calls.Count);
            Assert.All(calls, call => Assert.Equal($"reservation-{number}-1", call.IdempotencyKey));
        }
        finally
        {
            factory.Payment.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_retry_comes_200_ms_later_even_when_payment_asks_for_30_s_since_a_customer_is_waiting()
    {
        var room = await factory.RegisterRoomAsync();
        var number = (await _client.ReservedAsync(room, ReservationScenarios.Day(32), ReservationScenarios.Day(33))).Number();
        factory.Payment.Script(number, PaymentAnswer.Busy, PaymentAnswer.Approve);

        var paid = await _client.ActAsync(number, "pay");

        // Honouring Retry-After: 30 would outlast the 2 s the whole call may take, so no second call and no payment.
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(2, factory.Payment.CallsFor(number).Count);
        Assert.Equal("Confirmed", (await _client.GetReservationAsync(number)).Status());
    }

    [Fact]
    public async Task A_payment_request_without_an_idempotency_key_is_never_retried()
    {
        var http = factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PaymentClient));
        http.BaseAddress = new Uri(factory.Payment.Url);
        var reservation = $"R-NOKEY-{Guid.NewGuid():N}"[..24];
        factory.Payment.Script(reservation, PaymentAnswer.Fail, PaymentAnswer.Fail);

        using var failed = await http.PostAsJsonAsync("/api/v1/payments", new { reservationNumber = reservation, customerId = "kim", amount = 1000m });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Single(factory.Payment.CallsFor(reservation));
    }
}

/// <summary>A host whose breaker opens after four calls, half of them failed, and rests for two seconds.</summary>
public sealed class QuickBreakerFactory : ReservationApiFactory
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Reservation:PaymentResilience:CircuitBreaker:MinimumThroughput"] = "4",
        ["Reservation:PaymentResilience:CircuitBreaker:SamplingDuration"] = "00:00:30",
        ["Reservation:PaymentResilience:CircuitBreaker:BreakDuration"] = BreakDuration.ToString(),
    };
}

[CollectionDefinition(nameof(QuickBreakerCollection))]
public sealed class QuickBreakerCollection : ICollectionFixture<QuickBreakerFactory>;

[Collection(nameof(QuickBreakerCollection))]
public sealed class CircuitBreakerTests(QuickBreakerFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Fact]
    public async Task Once_the_breaker_opens_pay_answers_pay_later_without_calling_payment_and_pays_again_after_the_pause()
    {
        var room = await factory.RegisterRoomAsync();
        var failing = new List<string>();
        for (var night = 0; night < 2; night++)
        {
            var number = (await _client.ReservedAsync(room, ReservationScenarios.Day(40 + night), ReservationScenarios.Day(41 + night))).Number();
            factory.Payment.Script(number, PaymentAnswer.Fail, PaymentAnswer.Fail);
            failing.Add(number);
        }

        var waiting = (await _client.ReservedAsync(room, ReservationScenarios.Day(50), ReservationScenarios.Day(51))).Number();

        // Two reservations, each an attempt and its retry: four failed calls open the circuit.
        foreach (var number in failing)
        {
            await ProblemAssert.IsProblemAsync(await _client.ActAsync(number, "pay"), 503);
        }

        var refused = await _client.ActAsync(waiting, "pay");

        var problem = await ProblemAssert.IsProblemAsync(refused, 503);
        Assert.Contains("circuit open", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(QuickBreakerFactory.BreakDuration, refused.Headers.RetryAfter?.Delta);
        Assert.Empty(factory.Payment.CallsFor(waiting));
        Assert.Equal("Held", (await _client.GetReservationAsync(waiting)).Status());

        // While payment rests, pay is answered before the reservation is even looked up (nor locked): a number nobody
        // holds gets the same "pay later", where it would be 404 once payment may be asked again.
        await ProblemAssert.IsProblemAsync(await _client.ActAsync("R-20000101-000000", "pay"), 503);

        // After the pause the breaker lets a trial call through; payment approves and the customer is confirmed.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        HttpResponseMessage paid;
        while ((paid = await _client.ActAsync(waiting, "pay")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("Confirmed", (await _client.GetReservationAsync(waiting)).Status());
        Assert.Single(factory.Payment.CallsFor(waiting));
    }
}
