using Accommodation.Dashboard.Telemetry;
using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests;

/// <summary>A service built like ours (ServiceDefaults) exports to the receiver through the standard variables alone.</summary>
public sealed class ServiceExportTests
{
    [Fact]
    public async Task A_service_given_only_the_standard_otlp_variables_sends_its_request_spans_and_logs_linked_by_trace()
    {
        await using var receiver = await Receiver.StartAsync();
        var service = await LoopbackServer.StartAsync(
            app => app.MapGet("/rooms/{number}", (string number, ILogger<ServiceExportTests> logger) =>
            {
                logger.LogInformation("Looked up room {RoomNumber}", number);
                return number;
            }),
            builder =>
            {
                // What the AppHost puts in every service's environment.
                builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseAddress.ToString().TrimEnd('/');
                builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                builder.Configuration["OTEL_SERVICE_NAME"] = "room";
                builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=room-0";
                builder.AddServiceDefaults();
            });
        await using (service)
        {
            using var client = service.CreateClient();
            Assert.Equal("101", await client.GetStringAsync("rooms/101"));
        }

        // Stopping the service flushed what it had batched.
        await receiver.ReceivedAsync(store => store.Logs(new LogQuery(Service: "room", Text: "Looked up room"), limit: 10).Count > 0
            && store.Traces(new TraceQuery(Service: "room"), limit: 10).Count > 0, "the log and the request span");
        var log = Assert.Single(receiver.Store.Logs(new LogQuery(Service: "room", Text: "Looked up room"), limit: 10));
        Assert.Equal(("room-0", "Information", "Looked up room 101", "101"), (log.Source.Instance, log.Level, log.Message, log.Attributes["RoomNumber"]));
        var spans = receiver.Store.Trace(log.TraceId!);
        var request = Assert.Single(spans, span => span.Kind == "Server");
        Assert.Equal(("GET /rooms/{number}", "room", "200"), (request.Name, request.Source.Service, request.Attributes["http.response.status_code"]));
    }
}
