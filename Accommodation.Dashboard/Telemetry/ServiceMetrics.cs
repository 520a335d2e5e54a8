using System.Globalization;

namespace Accommodation.Dashboard.Telemetry;

/// <summary>A service's health at one moment: what the metrics page charts, one value per interval.</summary>
public sealed record ServiceMetricsSample(
    DateTimeOffset Time,
    double RequestsPerSecond,
    double? ErrorRate,
    double? P95Milliseconds,
    long? ConsumerLag,
    long? OutboxBacklog);

/// <summary>One circuit breaker of one replica, as it last reported.</summary>
public sealed record BreakerState(string Instance, string Pipeline, string State);

/// <summary>The figures the metrics page shows for a service: the last <see cref="Window"/> summed up, and the samples behind it.</summary>
public sealed record ServiceMetricsSummary(
    string Service,
    TimeSpan Window,
    ServiceMetricsSample Current,
    IReadOnlyList<BreakerState> Breakers,
    IReadOnlyList<ServiceMetricsSample> Samples);

/// <summary>
/// Reads a service's request rate, error rate, p95 latency, circuit breakers, consumer lag and outbox backlog off the
/// cumulative points it exported: each interval's figure is the difference between consecutive exports of a replica.
/// </summary>
public static class ServiceMetrics
{
    public const string RequestDuration = "http.server.request.duration";
    public const string ConsumerLag = "messaging.kafka.consumer.lag";
    public const string OutboxPending = "messaging.outbox.pending.messages";
    public const string BreakerStateMetric = "resilience.circuit_breaker.state";

    private static readonly HashSet<string> ProbeRoutes = new(StringComparer.OrdinalIgnoreCase) { "/health", "/alive" };

    private static readonly string[] BreakerStates = ["Closed", "HalfOpen", "Open", "Isolated"];

    public static ServiceMetricsSummary Of(TelemetryStore store, string service, TimeSpan interval, TimeSpan window)
    {
        var requests = RequestIntervals(store.Points(service, RequestDuration), interval);
        // Replicas of a consumer group hold different partitions, so their lags add up; every replica counts the same
        // outbox table, so its backlog is what the replicas say, not their sum.
        var lag = GaugeTotals(store.Points(service, ConsumerLag), interval, Enumerable.Sum);
        var backlog = GaugeTotals(store.Points(service, OutboxPending), interval, Enumerable.Max);

        var times = requests.Keys.Union(lag.Keys).Union(backlog.Keys).Order().ToList();
        var samples = times.Select(time =>
        {
            var slice = requests.GetValueOrDefault(time) ?? RequestSlice.Empty;
            return slice.ToSample(time, interval, lag.TryGetValue(time, out var l) ? l : null, backlog.TryGetValue(time, out var b) ? b : null);
        }).ToList();

        var latest = times.Count == 0 ? DateTimeOffset.UtcNow : times[^1];
        var inWindow = times.Where(time => time > latest - window).ToList();
        var windowRequests = inWindow.Aggregate(RequestSlice.Empty, (sum, time) => sum.Plus(requests.GetValueOrDefault(time) ?? RequestSlice.Empty));
        var current = windowRequests.ToSample(
            latest,
            TimeSpan.FromTicks(interval.Ticks * Math.Max(1, inWindow.Count)),
            LatestTotal(store.Points(service, ConsumerLag), Enumerable.Sum),
            LatestTotal(store.Points(service, OutboxPending), Enumerable.Max));

        return new ServiceMetricsSummary(service, window, current, Breakers(store.Points(service, BreakerStateMetric)), samples);
    }

    // Per interval: requests, failed requests (5xx) and merged latency buckets, from each replica's consecutive exports.
    private static Dictionary<DateTimeOffset, RequestSlice> RequestIntervals(IReadOnlyList<MetricPoint> points, TimeSpan interval)
    {
        var slices = new Dictionary<DateTimeOffset, RequestSlice>();
        var served = points.Where(point => point.Histogram is not null && !IsProbe(point));
        foreach (var instance in served.GroupBy(point => point.Source.Instance))
        {
            RequestSlice? previous = null;
            foreach (var export in instance.GroupBy(point => point.Time).OrderBy(export => export.Key))
            {
                var total = export.Aggregate(RequestSlice.Empty, (sum, point) => sum.Plus(RequestSlice.Of(point)));
                // A replica that restarted counts from zero again: its first export after is all new.
                var delta = previous is null ? null : total.Count >= previous.Count ? total.Minus(previous) : total;
                previous = total;
                if (delta is not null)
                {
                    var time = Floor(export.Key, interval);
                    slices[time] = slices.TryGetValue(time, out var sum) ? sum.Plus(delta) : delta;
                }
            }
        }

        return slices;
    }

    // Per interval: each replica's series summed (their last values in it), then the replicas combined.
    private static Dictionary<DateTimeOffset, long> GaugeTotals(
        IReadOnlyList<MetricPoint> points, TimeSpan interval, Func<IEnumerable<double>, double> acrossReplicas) =>
        points.Where(point => point.Value is not null)
            .GroupBy(point => Floor(point.Time, interval))
            .ToDictionary(slice => slice.Key, slice => LatestTotal([.. slice], acrossReplicas) ?? 0);

    private static long? LatestTotal(IReadOnlyList<MetricPoint> points, Func<IEnumerable<double>, double> acrossReplicas)
    {
        var replicas = points.Where(point => point.Value is not null)
            .GroupBy(point => point.Source.Instance)
            .Select(replica => replica
                .GroupBy(point => SeriesKey(point.Attributes))
                .Sum(series => series.MaxBy(point => point.Time)!.Value!.Value))
            .ToList();
        return replicas.Count == 0 ? null : (long)acrossReplicas(replicas);
    }

    private static List<BreakerState> Breakers(IReadOnlyList<MetricPoint> points) =>
    [
        .. points.Where(point => point.Value is not null)
            .GroupBy(point => (point.Source.Instance, Pipeline: point.Attributes.GetValueOrDefault("resilience.pipeline.name") ?? "(unnamed)"))
            .Select(series => (series.Key, Value: (int)series.MaxBy(point => point.Time)!.Value!.Value))
            .Select(series => new BreakerState(series.Key.Instance, series.Key.Pipeline,
                series.Value is >= 0 and < 4 ? BreakerStates[series.Value] : series.Value.ToString(CultureInfo.InvariantCulture)))
            .OrderBy(breaker => breaker.Pipeline, StringComparer.Ordinal)
            .ThenBy(breaker => breaker.Instance, StringComparer.Ordinal),
    ];

    // The AppHost's health and liveness probes are not traffic: counted, they would make an idle service look busy.
    private static bool IsProbe(MetricPoint point) =>
        point.Attributes.TryGetValue("http.route", out var route) && ProbeRoutes.Contains(route);

    private static string SeriesKey(IReadOnlyDictionary<string, string> attributes) =>
        string.Join('\u001f', attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan interval) =>
        new(time.UtcTicks - (time.UtcTicks % interval.Ticks), TimeSpan.Zero);

    // Requests in some span of time: how many, how many failed, and how their durations fell into the buckets.
    private sealed record RequestSlice(ulong Count, ulong Failed, IReadOnlyList<double> Bounds, IReadOnlyList<ulong> Buckets)
    {
        public static readonly RequestSlice Empty = new(0, 0, [], []);

        public static RequestSlice Of(MetricPoint point)
        {
            var histogram = point.Histogram!;
            var failed = point.Attributes.TryGetValue("http.response.status_code", out var status)
                && int.TryParse(status, CultureInfo.InvariantCulture, out var code) && code >= 500;
            return new RequestSlice(histogram.Count, failed ? histogram.Count : 0, histogram.Bounds, histogram.BucketCounts);
        }

        public RequestSlice Plus(RequestSlice other) => Combine(other, (a, b) => a + b);

        public RequestSlice Minus(RequestSlice other) => Combine(other, (a, b) => a >= b ? a - b : 0);

        public ServiceMetricsSample ToSample(DateTimeOffset time, TimeSpan span, long? consumerLag, long? outboxBacklog)
        {
            // Durations are exported in seconds, as OpenTelemetry's HTTP conventions say.
            var p95 = new HistogramValue(Count, 0, Bounds, Buckets).Quantile(0.95) * 1000;
            return new ServiceMetricsSample(
                time,
                Count / span.TotalSeconds,
                Count == 0 ? null : (double)Failed / Count,
                p95,
                consumerLag,
                outboxBacklog);
        }

        // Buckets add up only over the same bounds; a series with other bounds still counts towards the rates.
        private RequestSlice Combine(RequestSlice other, Func<ulong, ulong, ulong> operation)
        {
            if (Bounds.Count == 0 && Count == 0)
            {
                return other with { Count = operation(0, other.Count), Failed = operation(0, other.Failed), Buckets = [.. other.Buckets.Select(b => operation(0, b))] };
            }

            var buckets = Bounds.SequenceEqual(other.Bounds)
                ? Buckets.Zip(other.Buckets, operation).ToList()
                : Buckets;
            return new RequestSlice(operation(Count, other.Count), operation(Failed, other.Failed), Bounds, [.. buckets]);
        }
    }
}
