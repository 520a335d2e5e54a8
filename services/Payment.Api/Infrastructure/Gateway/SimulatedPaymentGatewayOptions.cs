namespace Accommodation.Payments.Api.Infrastructure.Gateway;

/// <summary>The profile of the simulated PG, bound from <c>Payment:Gateway</c>.</summary>
public sealed class SimulatedPaymentGatewayOptions
{
    public const string SectionName = "Payment:Gateway";

    /// <summary>The mean time the PG takes to answer (the requirements' profile: 400 ms ± 220 ms).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Each answer takes the mean plus or minus up to this much, uniformly.</summary>
    public TimeSpan LatencyJitter { get; set; } = TimeSpan.FromMilliseconds(220);

    /// <summary>The share of charges the PG declines, from 0 to 1.</summary>
    public double DeclineRate { get; set; }

    /// <summary>The share of calls the PG fails to answer at all, from 0 to 1.</summary>
    public double UnavailableRate { get; set; }

    internal bool IsValid() =>
        Latency >= TimeSpan.Zero && LatencyJitter >= TimeSpan.Zero
        && DeclineRate is >= 0 and <= 1 && UnavailableRate is >= 0 and <= 1;
}
