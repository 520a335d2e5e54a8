using Accommodation.Dashboard.Telemetry;

namespace Dashboard.Tests;

public sealed class TelemetryStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_service_keeps_its_newest_items_up_to_its_limit_and_counts_what_it_dropped()
    {
        var store = new TelemetryStore(new TelemetryLimits { SpansPerService = 5, LogsPerService = 3 });

        store.Add(Enumerable.Range(0, 12).Select(index => Span("room", $"trace-{index}", index)));
        store.Add([Span("payment", "trace-p", 0)]);
        store.Add(Enumerable.Range(0, 4).Select(index => Log("room", index)));

        Assert.Equal(["trace-11", "trace-10", "trace-9", "trace-8", "trace-7"],
            store.Traces(new TraceQuery(Service: "room"), limit: 100).Select(trace => trace.TraceId));
        Assert.Single(store.Traces(new TraceQuery(Service: "payment"), limit: 100));
        Assert.Contains(("room", "spans", 5, 7L), store.Usage());
        Assert.Contains(("room", "logs", 3, 1L), store.Usage());
        Assert.Equal(["message 3", "message 2", "message 1"], store.Logs(new LogQuery(), 10).Select(log => log.Message));
    }

    [Fact]
    public void A_trace_spans_services_and_is_listed_under_each_with_its_root_and_whole_duration()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        store.Add([
            Span("gateway", "t1", 0, spanId: "a", durationMs: 100),
            Span("reservation", "t1", 10, spanId: "b", parent: "a", durationMs: 60),
            Span("payment", "t1", 20, spanId: "c", parent: "b", durationMs: 30, status: SpanStatus.Error),
            Span("roomview", "t1", 150, spanId: "d", parent: "b", durationMs: 5),
            Span("room", "t2", 300, spanId: "e", durationMs: 2),
        ]);

        var trace = Assert.Single(store.Traces(new TraceQuery(Service: "payment"), 10));
        Assert.Equal(("gateway", 4, 155d, true), (trace.Service, trace.SpanCount, trace.Duration.TotalMilliseconds, trace.HasError));
        Assert.Equal(["gateway", "reservation", "payment", "roomview"], trace.Services);
        Assert.Equal(["t1"], store.Traces(new TraceQuery(HasError: true), 10).Select(listed => listed.TraceId));
        Assert.Equal(["t1"], store.Traces(new TraceQuery(MinDuration: TimeSpan.FromMilliseconds(50)), 10).Select(listed => listed.TraceId));
        Assert.Equal(["a", "b", "c", "d"], store.Trace("T1").Select(span => span.SpanId));
    }

    private static SpanEntry Span(string service, string traceId, int startMs, string? spanId = null, string? parent = null,
        int durationMs = 1, SpanStatus status = SpanStatus.Unset) =>
        new(new TelemetrySource(service, service), traceId.ToLowerInvariant(), spanId ?? $"{traceId}-span", parent, $"{service} work", "Internal",
            Start.AddMilliseconds(startMs), Start.AddMilliseconds(startMs + durationMs), status, null, "tests",
            new Dictionary<string, string>(), []);

    private static LogEntry Log(string service, int index) =>
        new(new TelemetrySource(service, service), Start.AddSeconds(index), "Information", 9, "tests", $"message {index}", null, null,
            new Dictionary<string, string>());
}
