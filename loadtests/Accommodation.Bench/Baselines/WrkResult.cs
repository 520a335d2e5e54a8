namespace Accommodation.Bench.Baselines;

/// <summary>What one wrk run reports: throughput, latency percentiles (from --latency) and the failures it counted.</summary>
/// <param name="RequestsPerSecond">wrk's "Requests/sec".</param>
/// <param name="P50">The 50 % latency.</param>
/// <param name="P99">The 99 % latency.</param>
/// <param name="Requests">Responses received ("N requests in …"), failed ones included.</param>
/// <param name="Non2xx">wrk's "Non-2xx or 3xx responses".</param>
/// <param name="SocketErrors">wrk's socket errors summed: connect, read, write and timeout.</param>
public sealed record WrkResult(double RequestsPerSecond, TimeSpan P50, TimeSpan P99, long Requests, long Non2xx, long SocketErrors)
{
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{RequestsPerSecond:F0} req/s, p50 {P50.TotalMilliseconds:F2} ms, p99 {P99.TotalMilliseconds:F2} ms, {Requests} requests, {Non2xx} non-2xx, {SocketErrors} socket errors");
}
