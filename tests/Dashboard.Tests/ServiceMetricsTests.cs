using Accommodation.Dashboard.Telemetry;

namespace Dashboard.Tests;

public sealed class ServiceMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25];
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public void Rates_and_p95_come_from_the_differences_between_a_replicas_cumulative_exports()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        // 10 requests before the window, then 50 more in 5 s: 40 fast 200s and 10 slow 500s.
        store.Add([
            Requests("reservation-1", Start, "200", 10, [10, 0, 0, 0, 0, 0, 0]),
            Requests("reservation-1", Start.AddSeconds(5), "200", 50, [50, 0, 0, 0, 0, 0, 0]),
            Requests("reservation-1", Start.AddSeconds(5), "500", 10, [0, 0, 0, 0, 0, 10, 0]),
        ]);

        var summary = ServiceMetrics.Of(store, "reservation", Interval, TimeSpan.FromSeconds(30));

        var sample = Assert.Single(summary.Samples);
        Assert.Equal(10, sample.RequestsPerSecond, precision: 6);
        Assert.Equal(0.2, sample.ErrorRate!.Value, precision: 6);
        // 95 % of the 50 fall at or under the 250 ms bucket (the 10 slow ones are its whole top fifth).
        Assert.Equal(250, sample.P95Milliseconds);
        Assert.Equal(sample.RequestsPerSecond, summary.Current.RequestsPerSecond, precision: 6);
    }

    [Fact]
    public void Replicas_add_up_and_a_restarted_replica_counts_from_zero_again()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        store.Add([
            Requests("roomview-1", Start, "200", 100, [100, 0, 0, 0, 0, 0, 0]),
            Requests("roomview-1", Start.AddSeconds(5), "200", 120, [120, 0, 0, 0, 0, 0, 0]),
            Requests("roomview-2", Start.AddSeconds(1), "200", 500, [500, 0, 0, 0, 0, 0, 0]),
            // roomview-2 was restarted: its counters began again at 0.
            Requests("roomview-2", Start.AddSeconds(6), "200", 5, [5, 0, 0, 0, 0, 0, 0]),
        ]);

        var summary = ServiceMetrics.Of(store, "roomview", Interval, TimeSpan.FromSeconds(30));

        // 20 from roomview-1 and 5 from the restarted roomview-2 over the 5 s.
        Assert.Equal(25d / 5, Assert.Single(summary.Samples).RequestsPerSecond, precision: 6);
    }

    [Fact]
    public void Lag_and_backlog_are_the_latest_values_summed_over_series_and_breakers_are_named_by_state()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        store.Add([
            Gauge("room-1", Start, ServiceMetrics.ConsumerLag, 40, ("messaging.destination.name", "reservation-events")),
            Gauge("room-1", Start.AddSeconds(5), ServiceMetrics.ConsumerLag, 7, ("messaging.destination.name", "reservation-events")),
            Gauge("room-1", Start.AddSeconds(5), ServiceMetrics.ConsumerLag, 3, ("messaging.destination.name", "room-events")),
            Gauge("room-1", Start.AddSeconds(5), ServiceMetrics.OutboxPending, 12),
            Gauge("room-1", Start, ServiceMetrics.BreakerStateMetric, 0, ("resilience.pipeline.name", "payment")),
            Gauge("room-1", Start.AddSeconds(5), ServiceMetrics.BreakerStateMetric, 2, ("resilience.pipeline.name", "payment")),
        ]);

        var summary = ServiceMetrics.Of(store, "room", Interval, TimeSpan.FromSeconds(30));

        Assert.Equal(10, summary.Current.ConsumerLag);
        Assert.Equal(12, summary.Current.OutboxBacklog);
        Assert.Equal([40L, 10L], summary.Samples.Select(sample => sample.ConsumerLag));
        Assert.Equal(new BreakerState("room-1", "payment", "Open"), Assert.Single(summary.Breakers));
    }

    [Fact]
    public void Replicas_lags_add_up_but_their_outbox_backlog_is_one_table_counted_by_each()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        store.Add([
            Gauge("notification-0", Start, ServiceMetrics.ConsumerLag, 4),
            Gauge("notification-1", Start, ServiceMetrics.ConsumerLag, 6),
            Gauge("notification-0", Start, ServiceMetrics.OutboxPending, 9),
            Gauge("notification-1", Start.AddSeconds(1), ServiceMetrics.OutboxPending, 8),
        ]);

        var summary = ServiceMetrics.Of(store, "notification", Interval, TimeSpan.FromSeconds(30));

        Assert.Equal(10, summary.Current.ConsumerLag);
        Assert.Equal(9, summary.Current.OutboxBacklog);
    }

    [Fact]
    public void Health_and_liveness_probes_are_not_counted_as_requests()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        store.Add([
            Requests("payment-1", Start, "200", 0, [0, 0, 0, 0, 0, 0, 0]),
            Requests("payment-1", Start, "200", 10, [10, 0, 0, 0, 0, 0, 0], route: "/health"),
            Requests("payment-1", Start.AddSeconds(5), "200", 5, [5, 0, 0, 0, 0, 0, 0]),
            Requests("payment-1", Start.AddSeconds(5), "200", 20, [20, 0, 0, 0, 0, 0, 0], route: "/health"),
            Requests("payment-1", Start.AddSeconds(5), "200", 7, [7, 0, 0, 0, 0, 0, 0], route: "/alive"),
        ]);

        var summary = ServiceMetrics.Of(store, "payment", Interval, TimeSpan.FromSeconds(30));

        Assert.Equal(1, Assert.Single(summary.Samples).RequestsPerSecond, precision: 6);
    }

    [Fact]
    public void A_service_that_sent_no_requests_has_no_error_rate_or_latency()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        store.Add([Gauge("notification-1", Start, ServiceMetrics.ConsumerLag, 0)]);

        var summary = ServiceMetrics.Of(store, "notification", Interval, TimeSpan.FromSeconds(30));

        Assert.Equal(0, summary.Current.RequestsPerSecond);
        Assert.Null(summary.Current.ErrorRate);
        Assert.Null(summary.Current.P95Milliseconds);
    }

    private static MetricPoint Requests(
        string instance, DateTimeOffset time, string status, ulong count, ulong[] buckets, string route = "/api/v1/reservations") =>
        new(new TelemetrySource(instance[..instance.LastIndexOf('-')], instance), ServiceMetrics.RequestDuration, "s", "histogram", time,
            new Dictionary<string, string> { ["http.response.status_code"] = status, ["http.route"] = route },
            null, new HistogramValue(count, 0, Bounds, buckets));

    private static MetricPoint Gauge(string instance, DateTimeOffset time, string name, double value, params (string Key, string Value)[] attributes) =>
        new(new TelemetrySource(instance[..instance.LastIndexOf('-')], instance), name, "{message}", "gauge", time,
            attributes.ToDictionary(attribute => attribute.Key, attribute => attribute.Value), value, null);
}
