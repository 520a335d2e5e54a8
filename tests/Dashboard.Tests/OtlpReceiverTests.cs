using System.Diagnostics;
using System.Diagnostics.Metrics;
using Accommodation.Dashboard.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Tests;

/// <summary>The receiver against what the real OpenTelemetry .NET exporter sends over OTLP/HTTP (binary protobuf).</summary>
public sealed class OtlpReceiverTests
{
    private const string SourceName = "Dashboard.Tests.Exporter";

    [Fact]
    public async Task Spans_from_the_exporter_keep_their_ids_parent_kind_status_attributes_events_and_service()
    {
        await using var receiver = await Receiver.StartAsync();
        using var source = new ActivitySource(SourceName);
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService("reservation", serviceInstanceId: "reservation-1"))
            .AddSource(SourceName)
            .AddOtlpExporter(exporter => UseReceiver(exporter, receiver, "traces"))
            .Build();

        string traceId, parentId, childId;
        using (var parent = source.StartActivity("POST /api/v1/reservations/{number}/pay", ActivityKind.Server)!)
        {
            parent.SetTag("http.route", "/api/v1/reservations/{number}/pay");
            parent.SetTag("http.response.status_code", 503);
            using var child = source.StartActivity("POST payment", ActivityKind.Client)!;
            child.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["attempt"] = 2 }));
            child.SetStatus(ActivityStatusCode.Error, "payment unavailable");
            (traceId, parentId, childId) = (parent.TraceId.ToHexString(), parent.SpanId.ToHexString(), child.SpanId.ToHexString());
        }

        Assert.True(tracing.ForceFlush(10_000));
        await receiver.ReceivedAsync(store => store.Trace(traceId).Count == 2, "both spans");

        var spans = receiver.Store.Trace(traceId);
        var (server, client) = (spans.Single(span => span.SpanId == parentId), spans.Single(span => span.SpanId == childId));
        Assert.Equal(new TelemetrySource("reservation", "reservation-1"), server.Source);
        Assert.Null(server.ParentSpanId);
        Assert.Equal(("Server", "POST /api/v1/reservations/{number}/pay", "/api/v1/reservations/{number}/pay", "503"),
            (server.Kind, server.Name, server.Attributes["http.route"], server.Attributes["http.response.status_code"]));
        Assert.Equal((parentId, "Client", SpanStatus.Error, "payment unavailable"), (client.ParentSpanId, client.Kind, client.Status, client.StatusMessage));
        Assert.Equal(("retry", "2"), (Assert.Single(client.Events).Name, client.Events[0].Attributes["attempt"]));
        Assert.True(server.Start <= client.Start && client.End <= server.End, "the child ran inside its parent");
        Assert.InRange(server.Start, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);

        var trace = Assert.Single(receiver.Store.Traces(new TraceQuery(Service: "reservation"), limit: 10));
        Assert.Equal((traceId, "POST /api/v1/reservations/{number}/pay", 2, true), (trace.TraceId, trace.Name, trace.SpanCount, trace.HasError));
    }

    [Fact]
    public async Task Logs_from_the_exporter_keep_their_level_formatted_message_attributes_and_trace()
    {
        await using var receiver = await Receiver.StartAsync();
        using var source = new ActivitySource(SourceName);
        using var listener = ListenTo(SourceName);
        string traceId;
        using (var loggers = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
               {
                   otel.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("payment", serviceInstanceId: "payment-3"));
                   otel.IncludeFormattedMessage = true;
                   otel.AddOtlpExporter(exporter => UseReceiver(exporter, receiver, "logs"));
               })))
        {
            var logger = loggers.CreateLogger("Accommodation.Payments.Api.PaymentRefunds");
            using var activity = source.StartActivity("refund")!;
            traceId = activity.TraceId.ToHexString();
            logger.LogWarning("Refund of {Amount} KRW for {ReservationNumber} declined", 100_000, "R-20270101-ABCDEF");
            logger.LogDebug("Below the default level: not exported");
        }

        await receiver.ReceivedAsync(store => store.Logs(new LogQuery(Service: "payment"), limit: 10).Count > 0, "the warning");
        var log = Assert.Single(receiver.Store.Logs(new LogQuery(Service: "payment"), limit: 10));
        Assert.Equal(("payment-3", "Warning", "Accommodation.Payments.Api.PaymentRefunds"), (log.Source.Instance, log.Level, log.Category));
        Assert.Equal("Refund of 100000 KRW for R-20270101-ABCDEF declined", log.Message);
        Assert.Equal(("100000", "R-20270101-ABCDEF"), (log.Attributes["Amount"], log.Attributes["ReservationNumber"]));
        Assert.Equal(traceId, log.TraceId);
    }

    [Fact]
    public async Task Metrics_from_the_exporter_arrive_as_counter_and_histogram_points_per_series()
    {
        await using var receiver = await Receiver.StartAsync();
        using var meter = new Meter(SourceName);
        var requests = meter.CreateCounter<long>("http.server.requests", unit: "{request}");
        var duration = meter.CreateHistogram<double>("http.server.request.duration", unit: "s");
        using (var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService("room"))
            .AddMeter(SourceName)
            .AddOtlpExporter(exporter => UseReceiver(exporter, receiver, "metrics"))
            .Build())
        {
            requests.Add(3, new KeyValuePair<string, object?>("http.route", "/api/v1/rooms"));
            requests.Add(1, new KeyValuePair<string, object?>("http.route", "/api/v1/rooms/{number}"));
            foreach (var seconds in new[] { 0.004, 0.02, 0.3 })
            {
                duration.Record(seconds);
            }

            Assert.True(metrics.ForceFlush(10_000));
        }

        await receiver.ReceivedAsync(store => store.Points("room", "http.server.request.duration").Count > 0, "the metrics");
        Assert.Contains(("http.server.requests", "{request}", "counter"), receiver.Store.Metrics("room"));
        var counts = receiver.Store.Points("room", "http.server.requests")
            .GroupBy(point => point.Attributes["http.route"])
            .ToDictionary(series => series.Key, series => series.Last().Value);
        Assert.Equal(3d, counts["/api/v1/rooms"]);
        Assert.Equal(1d, counts["/api/v1/rooms/{number}"]);
        var histogram = receiver.Store.Points("room", "http.server.request.duration").Last().Histogram!;
        Assert.Equal(3ul, histogram.Count);
        Assert.Equal(0.324, histogram.Sum, precision: 6);
        Assert.True(histogram.Quantile(0.99) >= 0.3, $"p99 {histogram.Quantile(0.99)} read off the buckets covers the slowest value");
    }

    private static void UseReceiver(OtlpExporterOptions exporter, Receiver receiver, string signal)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = receiver.SignalEndpoint(signal);
    }

    private static ActivityListener ListenTo(string sourceName)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
