namespace Accommodation.Dashboard.Telemetry;

/// <summary>Where telemetry came from: the OTLP resource's service.name and service.instance.id (a replica).</summary>
public sealed record TelemetrySource(string Service, string Instance);

public enum SpanStatus
{
    Unset,
    Ok,
    Error,
}

/// <summary>One span as the dashboard keeps it: ids in lower-case hex, times in UTC, attributes as text.</summary>
public sealed record SpanEntry(
    TelemetrySource Source,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    SpanStatus Status,
    string? StatusMessage,
    string Scope,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<SpanEventEntry> Events)
{
    public TimeSpan Duration => End - Start;
}

public sealed record SpanEventEntry(DateTimeOffset Time, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One structured log record, with the trace it was written in (when any).</summary>
public sealed record LogEntry(
    TelemetrySource Source,
    DateTimeOffset Time,
    string Level,
    int SeverityNumber,
    string Category,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// One metric data point: a number for gauges and sums; count, sum and buckets for histograms. The attributes tell the
/// series apart (e.g. http.route on request durations).
/// </summary>
public sealed record MetricPoint(
    TelemetrySource Source,
    string Name,
    string Unit,
    string Kind,
    DateTimeOffset Time,
    IReadOnlyDictionary<string, string> Attributes,
    double? Value,
    HistogramValue? Histogram);

/// <summary>A histogram point: bucket i counts values up to Bounds[i] (the last one, everything above).</summary>
public sealed record HistogramValue(ulong Count, double Sum, IReadOnlyList<double> Bounds, IReadOnlyList<ulong> BucketCounts)
{
    /// <summary>The value under which <paramref name="quantile"/> of the values fall, read off the buckets' upper bounds.</summary>
    public double? Quantile(double quantile)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = quantile * Count;
        ulong seen = 0;
        for (var bucket = 0; bucket < BucketCounts.Count; bucket++)
        {
            seen += BucketCounts[bucket];
            if (seen >= rank)
            {
                return bucket < Bounds.Count ? Bounds[bucket] : Bounds.LastOrDefault();
            }
        }

        return Bounds.LastOrDefault();
    }
}
