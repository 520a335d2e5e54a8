namespace Accommodation.Dashboard.Telemetry;

/// <summary>One trace in the list: its root (or earliest) span, when it ran, and every service it went through.</summary>
public sealed record TraceSummary(
    string TraceId,
    string Name,
    string Service,
    DateTimeOffset Start,
    TimeSpan Duration,
    int SpanCount,
    IReadOnlyList<string> Services,
    bool HasError)
{
    public static TraceSummary Of(IReadOnlyCollection<SpanEntry> spans)
    {
        var spanIds = spans.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
        // The root has no parent here; a trace still arriving may only have spans whose parents are elsewhere.
        var root = spans.Where(span => span.ParentSpanId is null || !spanIds.Contains(span.ParentSpanId))
            .OrderBy(span => span.Start).First();
        var start = spans.Min(span => span.Start);
        return new TraceSummary(
            root.TraceId,
            root.Name,
            root.Source.Service,
            start,
            spans.Max(span => span.End) - start,
            spans.Count,
            spans.OrderBy(span => span.Start).Select(span => span.Source.Service).Distinct(StringComparer.Ordinal).ToList(),
            spans.Any(span => span.Status == SpanStatus.Error));
    }
}

/// <summary>Which traces to list: through a service, only failed ones, or only slower than a duration.</summary>
public sealed record TraceQuery(string? Service = null, bool? HasError = null, TimeSpan? MinDuration = null);

/// <summary>Which logs to list: of a service, at or above a severity, containing a text (message, category or attribute).</summary>
public sealed record LogQuery(string? Service = null, int? MinSeverity = null, string? Text = null, string? TraceId = null);
