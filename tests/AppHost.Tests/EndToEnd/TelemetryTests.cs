using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>The services export to the AppHost over OTLP/HTTP by the standard variables, and one booking is one trace.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class TelemetryTests(RunningSystem system, ITestOutputHelper testOutput) : RunningSystemTests(system, testOutput)
{
    [Fact]
    public async Task A_paid_reservation_is_one_trace_from_the_gateway_through_payment_and_over_kafka_into_every_consumer()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 70_000);
        // The trace is ours from the first hop: the gateway continues the traceparent it is sent.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var reserved = await BookingClient.RetryUntilAsync(() => Client.Gateway.SendAsync(InTrace(traceId, HttpMethod.Post, "/api/v1/reservations",
            new { customerId = Client.Customer, roomNumber = room, checkIn = BookingClient.Today().AddDays(80), checkOut = BookingClient.Today().AddDays(82) })),
            System.Net.HttpStatusCode.Created);
        var number = (await reserved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        // Paid again while payment answers "pay later" (its first calls can be slow): each attempt is in the same trace.
        using var paid = await BookingClient.RetryUntilAsync(() => Client.Gateway.SendAsync(InTrace(traceId, HttpMethod.Post, $"/api/v1/reservations/{number}/pay")),
            System.Net.HttpStatusCode.OK);

        // Each hop as a span of its kind: the requests, the publication to Kafka, and each consumer group's processing.
        (string Service, string Kind)[] hops =
        [
            ("gateway", "Server"), ("reservation", "Server"), ("reservation", "Producer"), ("payment", "Server"),
            ("room", "Consumer"), ("roomview", "Consumer"), ("notification", "Consumer"),
        ];
        // Waited for whole: a parent ends (and is exported) after its children.
        var spans = await Eventually.GetJsonAsync(Running.AppHostApi, $"/api/telemetry/traces/{traceId}",
            trace => hops.All(hop => trace.EnumerateArray().Any(span =>
                span.GetProperty("service").GetString() == hop.Service && span.GetProperty("kind").GetString() == hop.Kind))
                && Orphans(trace).Count == 0,
            TimeSpan.FromSeconds(60));
        TestOutput.WriteLine(string.Join(Environment.NewLine, spans.EnumerateArray().Select(span =>
            $"{span.GetProperty("service").GetString(),-13} {span.GetProperty("kind").GetString(),-9} {span.GetProperty("name").GetString()}")));

        // Every span hangs off another span of the trace, but the gateway's, which the test's traceparent parented.
        Assert.Empty(Orphans(spans));
    }

    [Fact]
    public async Task Structured_logs_and_request_metrics_of_every_service_reach_the_apphost()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 71_000);
        var number = (await Client.ReserveAsync(room, BookingClient.Today().AddDays(84), BookingClient.Today().AddDays(85))).GetProperty("number").GetString()!;

        var services = await Eventually.GetJsonAsync(Running.AppHostApi, "/api/telemetry/services",
            listed => new[] { "gateway", "reservation", "payment", "room", "roomview", "notification" }
                .All(service => listed.EnumerateArray().Any(entry => entry.GetProperty("name").GetString() == service)),
            TimeSpan.FromSeconds(60));
        var logs = await Eventually.GetJsonAsync(Running.AppHostApi, $"/api/telemetry/logs?service=room&text={number}",
            found => found.GetArrayLength() > 0, TimeSpan.FromSeconds(30));
        var metrics = await Eventually.GetJsonAsync(Running.AppHostApi, "/api/telemetry/metrics/room",
            found => found.EnumerateArray().Any(metric => metric.GetProperty("name").GetString() == "http.server.request.duration"), TimeSpan.FromSeconds(30));

        TestOutput.WriteLine(services.GetRawText());
        // Room's handler logged the reservation it recorded, with its replica and the event's trace.
        Assert.Equal("room", logs[0].GetProperty("instance").GetString());
        Assert.Equal(32, logs[0].GetProperty("traceId").GetString()?.Length);
        Assert.Contains(metrics.EnumerateArray(), metric => metric.GetProperty("kind").GetString() == "histogram");
    }

    private static List<string> Orphans(JsonElement trace)
    {
        var spanIds = trace.EnumerateArray().Select(span => span.GetProperty("spanId").GetString()).ToHashSet();
        return
        [
            .. trace.EnumerateArray()
                .Where(span => span.GetProperty("service").GetString() != "gateway" && !spanIds.Contains(span.GetProperty("parentSpanId").GetString()))
                .Select(span => $"{span.GetProperty("service").GetString()} {span.GetProperty("name").GetString()}"),
        ];
    }

    /// <summary>A request that continues the given trace, as a browser or a caller with its own tracing would send it.</summary>
    internal static HttpRequestMessage InTrace(string traceId, HttpMethod method, string path, object? body = null) => new(method, path)
    {
        Headers = { { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } },
        Content = body is null ? null : JsonContent.Create(body),
    };
}
