using System.Globalization;
using Accommodation.Dashboard.Otlp.Protocol;
using Accommodation.Dashboard.Telemetry;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Accommodation.Dashboard.Otlp;

/// <summary>Turns OTLP export requests into the dashboard's records: ids as hex, nanoseconds as UTC times, values as text.</summary>
internal static class OtlpMapper
{
    private const string UnknownService = "unknown_service";

    public static List<SpanEntry> Spans(ExportTraceServiceRequest request) =>
    [
        .. from resourceSpans in request.ResourceSpans
           let source = Source(resourceSpans.Resource)
           from scopeSpans in resourceSpans.ScopeSpans
           from span in scopeSpans.Spans
           select new SpanEntry(
               source,
               Hex(span.TraceId),
               Hex(span.SpanId),
               span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
               span.Name,
               span.Kind.ToString(),
               Time(span.StartTimeUnixNano),
               Time(span.EndTimeUnixNano),
               span.Status?.Code switch
               {
                   StatusCode.Ok => SpanStatus.Ok,
                   StatusCode.Error => SpanStatus.Error,
                   _ => SpanStatus.Unset,
               },
               string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
               scopeSpans.Scope?.Name ?? "",
               Attributes(span.Attributes),
               [.. span.Events.Select(spanEvent => new SpanEventEntry(Time(spanEvent.TimeUnixNano), spanEvent.Name, Attributes(spanEvent.Attributes)))]),
    ];

    public static List<LogEntry> Logs(ExportLogsServiceRequest request) =>
    [
        .. from resourceLogs in request.ResourceLogs
           let source = Source(resourceLogs.Resource)
           from scopeLogs in resourceLogs.ScopeLogs
           from record in scopeLogs.LogRecords
           select new LogEntry(
               source,
               Time(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
               Level(record.SeverityNumber, record.SeverityText),
               record.SeverityNumber,
               scopeLogs.Scope?.Name ?? "",
               record.Body is null ? "" : Text(record.Body),
               record.TraceId.IsEmpty ? null : Hex(record.TraceId),
               record.SpanId.IsEmpty ? null : Hex(record.SpanId),
               Attributes(record.Attributes)),
    ];

    public static List<MetricPoint> Points(ExportMetricsServiceRequest request) =>
    [
        .. from resourceMetrics in request.ResourceMetrics
           let source = Source(resourceMetrics.Resource)
           from scopeMetrics in resourceMetrics.ScopeMetrics
           from metric in scopeMetrics.Metrics
           from point in Points(source, metric)
           select point,
    ];

    /// <summary>OTLP severity numbers in .NET's level names: 1–4 Trace, 5–8 Debug, 9–12 Information, and so on.</summary>
    public static string Level(int severityNumber, string severityText) => severityNumber switch
    {
        >= 1 and <= 4 => "Trace",
        >= 5 and <= 8 => "Debug",
        >= 9 and <= 12 => "Information",
        >= 13 and <= 16 => "Warning",
        >= 17 and <= 20 => "Error",
        >= 21 and <= 24 => "Critical",
        _ => string.IsNullOrEmpty(severityText) ? "Unspecified" : severityText,
    };

    private static IEnumerable<MetricPoint> Points(TelemetrySource source, Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => Numbers(source, metric, "gauge", metric.Gauge.DataPoints),
        Metric.DataOneofCase.Sum => Numbers(source, metric, metric.Sum.IsMonotonic ? "counter" : "updown counter", metric.Sum.DataPoints),
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(point => new MetricPoint(
            source, metric.Name, metric.Unit, "histogram", Time(point.TimeUnixNano), Attributes(point.Attributes), null,
            new HistogramValue(point.Count, point.HasSum ? point.Sum : 0, [.. point.ExplicitBounds], [.. point.BucketCounts]))),
        // Exponential buckets are not drawn; count and sum still say how much and how long.
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Select(point => new MetricPoint(
            source, metric.Name, metric.Unit, "histogram", Time(point.TimeUnixNano), Attributes(point.Attributes), null,
            new HistogramValue(point.Count, point.HasSum ? point.Sum : 0, [], []))),
        _ => [],
    };

    private static IEnumerable<MetricPoint> Numbers(TelemetrySource source, Metric metric, string kind, RepeatedField<NumberDataPoint> points) =>
        points.Select(point => new MetricPoint(
            source, metric.Name, metric.Unit, kind, Time(point.TimeUnixNano), Attributes(point.Attributes),
            point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble, null));

    private static TelemetrySource Source(Resource? resource)
    {
        var attributes = resource is null ? new Dictionary<string, string>() : Attributes(resource.Attributes);
        var service = attributes.GetValueOrDefault("service.name") ?? UnknownService;
        return new TelemetrySource(service, attributes.GetValueOrDefault("service.instance.id") ?? service);
    }

    private static Dictionary<string, string> Attributes(RepeatedField<KeyValue> attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            result[attribute.Key] = attribute.Value is null ? "" : Text(attribute.Value);
        }

        return result;
    }

    private static string Text(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => $"[{string.Join(", ", value.ArrayValue.Values.Select(Text))}]",
        AnyValue.ValueOneofCase.KvlistValue => $"{{{string.Join(", ", value.KvlistValue.Values.Select(pair => $"{pair.Key}: {(pair.Value is null ? "" : Text(pair.Value))}"))}}}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };

    private static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);

    private static DateTimeOffset Time(ulong unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanoseconds / 100));
}
