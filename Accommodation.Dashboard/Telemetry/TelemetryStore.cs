namespace Accommodation.Dashboard.Telemetry;

/// <summary>
/// Everything the services exported, in memory and bounded per service (<see cref="TelemetryLimits"/>). Readers get
/// copies; <see cref="Version"/> changes on every addition, so a page can tell when to redraw.
/// </summary>
public sealed class TelemetryStore(TelemetryLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BoundedBuffer<SpanEntry>> _spans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundedBuffer<LogEntry>> _logs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundedBuffer<MetricPoint>> _points = new(StringComparer.Ordinal);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Add(IEnumerable<SpanEntry> spans) => Add(_spans, spans, span => span.Source.Service, limits.SpansPerService);

    public void Add(IEnumerable<LogEntry> logs) => Add(_logs, logs, log => log.Source.Service, limits.LogsPerService);

    public void Add(IEnumerable<MetricPoint> points) => Add(_points, points, point => point.Source.Service, limits.MetricPointsPerService);

    /// <summary>Every service that sent anything, by name.</summary>
    public IReadOnlyList<string> Services()
    {
        lock (_lock)
        {
            return [.. _spans.Keys.Union(_logs.Keys).Union(_points.Keys).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>What is kept and what was dropped to stay within the limits, per service and kind.</summary>
    public IReadOnlyList<(string Service, string Kind, int Kept, long Dropped)> Usage()
    {
        lock (_lock)
        {
            return
            [
                .. _spans.Select(entry => (entry.Key, "spans", entry.Value.Count, entry.Value.Dropped)),
                .. _logs.Select(entry => (entry.Key, "logs", entry.Value.Count, entry.Value.Dropped)),
                .. _points.Select(entry => (entry.Key, "metric points", entry.Value.Count, entry.Value.Dropped)),
            ];
        }
    }

    /// <summary>The newest traces first.</summary>
    public IReadOnlyList<TraceSummary> Traces(TraceQuery filter, int limit)
    {
        var traces = AllSpans().GroupBy(span => span.TraceId, StringComparer.Ordinal).Select(trace => TraceSummary.Of([.. trace]));
        return
        [
            .. traces
                .Where(trace => filter.Service is null || trace.Services.Contains(filter.Service, StringComparer.Ordinal))
                .Where(trace => filter.HasError is null || trace.HasError == filter.HasError)
                .Where(trace => filter.MinDuration is null || trace.Duration >= filter.MinDuration)
                .OrderByDescending(trace => trace.Start)
                .Take(limit),
        ];
    }

    /// <summary>Every span of one trace, earliest first; empty when the trace is unknown (or already dropped).</summary>
    public IReadOnlyList<SpanEntry> Trace(string traceId) =>
        [.. AllSpans().Where(span => span.TraceId.Equals(traceId, StringComparison.OrdinalIgnoreCase)).OrderBy(span => span.Start)];

    /// <summary>The newest logs first.</summary>
    public IReadOnlyList<LogEntry> Logs(LogQuery filter, int limit)
    {
        lock (_lock)
        {
            return
            [
                .. _logs.Where(entry => filter.Service is null || entry.Key == filter.Service)
                    .SelectMany(entry => entry.Value.Items)
                    .Where(log => filter.MinSeverity is null || log.SeverityNumber >= filter.MinSeverity)
                    .Where(log => filter.TraceId is null || string.Equals(log.TraceId, filter.TraceId, StringComparison.OrdinalIgnoreCase))
                    .Where(log => filter.Text is null || Mentions(log, filter.Text))
                    .OrderByDescending(log => log.Time)
                    .Take(limit),
            ];
        }
    }

    /// <summary>The metrics a service sent: name, unit and kind of each.</summary>
    public IReadOnlyList<(string Name, string Unit, string Kind)> Metrics(string service)
    {
        lock (_lock)
        {
            return _points.TryGetValue(service, out var points)
                ? [.. points.Items.Select(point => (point.Name, point.Unit, point.Kind)).Distinct().OrderBy(metric => metric.Name, StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>The points of one metric of one service, oldest first.</summary>
    public IReadOnlyList<MetricPoint> Points(string service, string name)
    {
        lock (_lock)
        {
            return _points.TryGetValue(service, out var points)
                ? [.. points.Items.Where(point => point.Name == name).OrderBy(point => point.Time)]
                : [];
        }
    }

    private List<SpanEntry> AllSpans()
    {
        lock (_lock)
        {
            return [.. _spans.Values.SelectMany(buffer => buffer.Items)];
        }
    }

    private static bool Mentions(LogEntry log, string text) =>
        log.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || log.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
        || log.Attributes.Values.Any(value => value.Contains(text, StringComparison.OrdinalIgnoreCase));

    private void Add<T>(Dictionary<string, BoundedBuffer<T>> buffers, IEnumerable<T> items, Func<T, string> service, int capacity)
    {
        lock (_lock)
        {
            foreach (var item in items)
            {
                var name = service(item);
                if (!buffers.TryGetValue(name, out var buffer))
                {
                    buffer = new BoundedBuffer<T>(capacity);
                    buffers[name] = buffer;
                }

                buffer.Add(item);
            }
        }

        Interlocked.Increment(ref _version);
    }
}
