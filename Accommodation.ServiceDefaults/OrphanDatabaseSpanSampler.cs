using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The root sampler of <see cref="ParentBased"/>: drops PostgreSQL (Npgsql) and Redis client spans that start a trace
/// of their own, and records every other root span. A sampler is not told the ActivitySource, so the spans are known by
/// what Npgsql 10 names them ("postgresql" for a command or batch, "CONNECT {database}" for a physical open) and by the
/// db.system.name tag <see cref="RedisTracing"/> starts its spans with.
/// </summary>
internal sealed class OrphanDatabaseSpanSampler : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private static readonly SamplingResult RecordAndSample = new(SamplingDecision.RecordAndSample);

    private OrphanDatabaseSpanSampler()
    {
    }

    /// <summary>A span with a parent follows its parent's decision, as with the SDK's default sampler; a root span asks this one.</summary>
    public static Sampler ParentBased() => new ParentBasedSampler(new OrphanDatabaseSpanSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        IsNpgsqlSpan(samplingParameters) || IsRedisSpan(samplingParameters) ? Drop : RecordAndSample;

    private static bool IsNpgsqlSpan(in SamplingParameters span) =>
        span.Kind == ActivityKind.Client
        && (span.Name == "postgresql" || span.Name.StartsWith("CONNECT ", StringComparison.Ordinal));

    private static bool IsRedisSpan(in SamplingParameters span) =>
        span.Kind == ActivityKind.Client
        && span.Tags?.Any(tag => tag is { Key: "db.system.name", Value: "redis" }) == true;
}
