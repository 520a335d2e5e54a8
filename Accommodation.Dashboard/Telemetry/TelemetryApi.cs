using Accommodation.Dashboard.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Accommodation.Dashboard.Telemetry;

/// <summary>The telemetry the dashboard received, as JSON under /api/telemetry: what its pages (and scripts) read.</summary>
public static class TelemetryApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    // The services export every 5 s (OTEL_METRIC_EXPORT_INTERVAL); "now" is the last half minute.
    private static readonly TimeSpan MetricsInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MetricsWindow = TimeSpan.FromSeconds(30);

    private static readonly string[] LevelNames = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    public static IEndpointRouteBuilder MapTelemetryApi(this IEndpointRouteBuilder endpoints, TelemetryStore store)
    {
        var api = endpoints.MapGroup("/api/telemetry");

        api.MapGet("/services", () => Results.Ok(store.Usage().GroupBy(usage => usage.Service).OrderBy(service => service.Key, StringComparer.Ordinal)
            .Select(service => new
            {
                name = service.Key,
                usage = service.ToDictionary(usage => usage.Kind, usage => new { kept = usage.Kept, dropped = usage.Dropped }),
            })));

        api.MapGet("/traces", (string? service, bool? error, double? minDurationMs, int? limit) =>
        {
            if (Invalid(limit, minDurationMs) is { } problem)
            {
                return problem;
            }

            var filter = new TraceQuery(service, error, minDurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
            return Results.Ok(store.Traces(filter, limit ?? DefaultLimit).Select(trace => new
            {
                trace.TraceId,
                trace.Name,
                trace.Service,
                trace.Start,
                durationMs = trace.Duration.TotalMilliseconds,
                trace.SpanCount,
                trace.Services,
                trace.HasError,
            }));
        });

        api.MapGet("/traces/{traceId}", (string traceId) => store.Trace(traceId) is { Count: > 0 } spans
            ? Results.Ok(spans.Select(span => new
            {
                service = span.Source.Service,
                instance = span.Source.Instance,
                span.TraceId,
                span.SpanId,
                span.ParentSpanId,
                span.Name,
                span.Kind,
                span.Start,
                durationMs = span.Duration.TotalMilliseconds,
                status = span.Status.ToString(),
                span.StatusMessage,
                span.Scope,
                span.Attributes,
                events = span.Events,
            }))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such trace.",
                detail: $"No span of trace {traceId} is kept (never received, or dropped to stay within the limits)."));

        api.MapGet("/logs", (string? service, string? minLevel, string? text, string? traceId, int? limit) =>
        {
            if (Invalid(limit, minDurationMs: null) is { } problem)
            {
                return problem;
            }

            int? minSeverity = null;
            if (minLevel is not null)
            {
                var index = Array.FindIndex(LevelNames, name => name.Equals(minLevel, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["minLevel"] = [$"A level is one of {string.Join(", ", LevelNames)}."],
                    });
                }

                // OTLP severity numbers come in fours per level: Trace 1–4, Debug 5–8, Information 9–12 …
                minSeverity = (index * 4) + 1;
            }

            return Results.Ok(store.Logs(new LogQuery(service, minSeverity, text, traceId), limit ?? DefaultLimit).Select(log => new
            {
                service = log.Source.Service,
                instance = log.Source.Instance,
                log.Time,
                log.Level,
                log.Category,
                log.Message,
                log.TraceId,
                log.SpanId,
                log.Attributes,
            }));
        });

        api.MapGet("/metrics/{service}", (string service) => Results.Ok(store.Metrics(service).Select(metric => new
        {
            metric.Name,
            metric.Unit,
            metric.Kind,
        })));

        api.MapGet("/metrics/{service}/{name}", (string service, string name, int? limit) =>
            Invalid(limit, minDurationMs: null) ?? Results.Ok(store.Points(service, name).TakeLast(limit ?? MaxLimit).Select(point => new
            {
                instance = point.Source.Instance,
                point.Time,
                point.Attributes,
                point.Value,
                histogram = point.Histogram is { } histogram
                    ? new { histogram.Count, histogram.Sum, p50 = histogram.Quantile(0.5), p95 = histogram.Quantile(0.95), p99 = histogram.Quantile(0.99) }
                    : null,
            })));

        // Request rate, error rate, p95, breakers, consumer lag and outbox backlog of every service: the metrics page.
        api.MapGet("/health", () => Results.Ok(store.Services()
            .Select(service => ServiceMetrics.Of(store, service, MetricsInterval, MetricsWindow))));

        // The receiver's address for whoever wants to point an exporter here by hand.
        api.MapGet("/otlp", (HttpContext context) => Results.Ok(new
        {
            endpoint = $"{context.Request.Scheme}://{context.Request.Host}",
            protocol = "http/protobuf",
            contentType = OtlpHttpReceiver.ProtobufContentType,
        }));

        return endpoints;
    }

    private static IResult? Invalid(int? limit, double? minDurationMs)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"A limit is 1 to {MaxLimit}."];
        }

        if (minDurationMs is < 0 || (minDurationMs is { } ms && !double.IsFinite(ms)))
        {
            errors["minDurationMs"] = ["A minimum duration is a finite number of milliseconds, 0 or more."];
        }

        return errors.Count == 0 ? null : Results.ValidationProblem(errors);
    }
}
