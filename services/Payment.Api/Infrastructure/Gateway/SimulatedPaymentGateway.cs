using Accommodation.Payments.Api.Domain;
using Microsoft.Extensions.Options;

namespace Accommodation.Payments.Api.Infrastructure.Gateway;

/// <summary>
/// Stands in for a real PG: answers after a random latency, declines or fails a configurable share of calls.
/// The clock and the random source are injected so tests are deterministic.
/// </summary>
public sealed partial class SimulatedPaymentGateway(
    IOptionsMonitor<SimulatedPaymentGatewayOptions> options,
    TimeProvider clock,
    Random random,
    ILogger<SimulatedPaymentGateway> logger) : IPaymentGateway
{
    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        var profile = options.CurrentValue;
        await AnswerAfterLatencyAsync(profile, cancellationToken);
        if (NextDouble() < profile.DeclineRate)
        {
            LogDeclined(request.ReservationNumber, request.Amount);
            return new ChargeResult.Declined("The card issuer declined the charge.");
        }

        return new ChargeResult.Approved($"sim_{Guid.NewGuid():N}");
    }

    public Task RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
        AnswerAfterLatencyAsync(options.CurrentValue, cancellationToken);

    private async Task AnswerAfterLatencyAsync(SimulatedPaymentGatewayOptions profile, CancellationToken cancellationToken)
    {
        var jitter = profile.LatencyJitter * (2 * NextDouble() - 1);
        var latency = profile.Latency + jitter;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, clock, cancellationToken);
        }

        if (NextDouble() < profile.UnavailableRate)
        {
            throw new PaymentGatewayUnavailableException("The simulated payment gateway did not answer.");
        }
    }

    // Random is not thread-safe unless it is Random.Shared; requests call in parallel.
    private double NextDouble()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }

    [LoggerMessage(LogLevel.Information, "Simulated PG declined the charge of {Amount} KRW for reservation {ReservationNumber}")]
    private partial void LogDeclined(string reservationNumber, decimal amount);
}
