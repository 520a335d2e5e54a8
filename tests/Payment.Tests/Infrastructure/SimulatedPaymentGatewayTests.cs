using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure.Gateway;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Accommodation.Payments.Tests.Infrastructure;

public sealed class SimulatedPaymentGatewayTests
{
    private static readonly ChargeRequest Charge = new("reservation-R-1", "R-1", "customer-1", 120_000m);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task A_charge_is_answered_after_the_mean_latency_plus_or_minus_the_jitter()
    {
        // Draws per charge: jitter, unavailable, decline. Jitter draw 0 is the shortest latency, 1 the longest.
        var gateway = Gateway(new SimulatedPaymentGatewayOptions(), new ScriptedRandom(0, 0.5, 0.5, 1, 0.5, 0.5));

        await AssertAnsweredAfterAsync(gateway, TimeSpan.FromMilliseconds(400 - 220));
        await AssertAnsweredAfterAsync(gateway, TimeSpan.FromMilliseconds(400 + 220));
    }

    [Fact]
    public async Task With_decline_rate_0_every_charge_is_approved_with_a_transaction_id()
    {
        var gateway = Gateway(new SimulatedPaymentGatewayOptions { Latency = TimeSpan.Zero, LatencyJitter = TimeSpan.Zero }, new Random(42));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => gateway.ChargeAsync(Charge, CancellationToken.None)));

        Assert.All(results, result => Assert.StartsWith("sim_", Assert.IsType<ChargeResult.Approved>(result).GatewayTransactionId));
        Assert.Equal(100, results.Cast<ChargeResult.Approved>().Select(result => result.GatewayTransactionId).Distinct().Count());
    }

    [Fact]
    public async Task With_decline_rate_1_every_charge_is_declined()
    {
        var gateway = Gateway(new SimulatedPaymentGatewayOptions { Latency = TimeSpan.Zero, LatencyJitter = TimeSpan.Zero, DeclineRate = 1 }, new Random(42));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => gateway.ChargeAsync(Charge, CancellationToken.None)));

        Assert.All(results, result => Assert.IsType<ChargeResult.Declined>(result));
    }

    [Fact]
    public async Task The_decline_rate_is_the_share_of_declined_charges()
    {
        var gateway = Gateway(new SimulatedPaymentGatewayOptions { Latency = TimeSpan.Zero, LatencyJitter = TimeSpan.Zero, DeclineRate = 0.3 }, new Random(7));

        var results = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(_ => gateway.ChargeAsync(Charge, CancellationToken.None)));

        var declined = results.Count(result => result is ChargeResult.Declined) / 2_000.0;
        Assert.InRange(declined, 0.25, 0.35);
    }

    [Fact]
    public async Task With_unavailable_rate_1_every_call_fails_as_unavailable()
    {
        var gateway = Gateway(new SimulatedPaymentGatewayOptions { Latency = TimeSpan.Zero, LatencyJitter = TimeSpan.Zero, UnavailableRate = 1 }, new Random(42));

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.ChargeAsync(Charge, CancellationToken.None));
        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() =>
            gateway.RefundAsync(new RefundRequest("refund-1", "sim_1", 1m), CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_call_stops_waiting()
    {
        var gateway = Gateway(new SimulatedPaymentGatewayOptions(), new Random(42));
        using var cancellation = new CancellationTokenSource();

        var charge = gateway.ChargeAsync(Charge, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => charge);
    }

    private async Task AssertAnsweredAfterAsync(SimulatedPaymentGateway gateway, TimeSpan latency)
    {
        var charge = gateway.ChargeAsync(Charge, CancellationToken.None);

        _clock.Advance(latency - TimeSpan.FromMilliseconds(1));
        Assert.False(charge.IsCompleted, $"Answered before {latency}.");
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.IsType<ChargeResult.Approved>(await charge.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private SimulatedPaymentGateway Gateway(SimulatedPaymentGatewayOptions options, Random random) =>
        new(new StaticOptionsMonitor(options), _clock, random, NullLogger<SimulatedPaymentGateway>.Instance);

    private sealed class StaticOptionsMonitor(SimulatedPaymentGatewayOptions value) : IOptionsMonitor<SimulatedPaymentGatewayOptions>
    {
        public SimulatedPaymentGatewayOptions CurrentValue => value;

        public SimulatedPaymentGatewayOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SimulatedPaymentGatewayOptions, string?> listener) => null;
    }

    /// <summary>Returns the given draws in order, so the test knows which latency and outcome each call gets.</summary>
    private sealed class ScriptedRandom(params double[] draws) : Random
    {
        private int _next;

        public override double NextDouble() => draws[_next++];
    }
}
