using System.Diagnostics;
using System.Net;
using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

public sealed class OpenTelemetryTests
{
    // Named like the application, which is the source AddServiceDefaults listens to.
    private static readonly ActivitySource ApplicationSource = new(typeof(OpenTelemetryTests).Assembly.GetName().Name!);

    [Fact]
    public async Task Without_an_otlp_endpoint_the_app_starts_with_tracing_metrics_and_logging()
    {
        await using var app = await StartAsync(("OTEL_EXPORTER_OTLP_ENDPOINT", null));

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.Contains(app.Services.GetServices<ILoggerProvider>(), provider => provider is OpenTelemetryLoggerProvider);
        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/alive"));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_that_is_down_the_app_still_serves()
    {
        await using var app = await StartAsync(("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://{DeadEndpoint.HostAndPort()}"));

        Assert.Equal("hello", await app.Client.GetStringAsync("/hello"));
        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/health"));
    }

    [Fact]
    public async Task Requests_and_the_application_source_are_traced_but_probes_are_not()
    {
        var spans = new CollectedActivities();
        await using var app = await StartAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", null),
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans)));

        await app.StatusOfAsync("/health");
        await app.StatusOfAsync("/alive");
        await app.Client.GetStringAsync("/hello");

        await Poll.UntilAsync(
            () => Task.FromResult(spans.Ended.Any(span => span.DisplayName == "GET /hello")),
            TimeSpan.FromSeconds(10),
            "the request to /hello is traced");
        Assert.Contains(spans.Ended, span => span.Source.Name == ApplicationSource.Name);
        Assert.DoesNotContain(spans.Ended, span => span.Kind == ActivityKind.Server && span.DisplayName != "GET /hello");
    }

    [Fact]
    public async Task Request_metrics_are_collected()
    {
        var metrics = new CollectedMetrics();
        await using var app = await StartAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", null),
            builder => builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddReader(new BaseExportingMetricReader(metrics))));

        await app.Client.GetStringAsync("/hello");
        await Poll.UntilAsync(
            () => Task.FromResult(app.Services.GetRequiredService<MeterProvider>().ForceFlush()
                && metrics.MeterOfMetric.ContainsKey("http.server.request.duration")),
            TimeSpan.FromSeconds(10),
            "http.server.request.duration is exported");
    }

    [Fact]
    public async Task Circuit_breaker_states_are_collected()
    {
        var metrics = new CollectedMetrics();
        await using var app = await StartAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", null),
            builder => builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddReader(new BaseExportingMetricReader(metrics))));

        // Every client of the app goes through the standard resilience handler of the defaults.
        using var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        await client.GetStringAsync(new Uri(app.Address, "/hello"));
        await Poll.UntilAsync(
            () => Task.FromResult(app.Services.GetRequiredService<MeterProvider>().ForceFlush()
                && metrics.MeterOfMetric.GetValueOrDefault("resilience.circuit_breaker.state") == TelemetryNames.Resilience),
            TimeSpan.FromSeconds(10),
            "resilience.circuit_breaker.state is exported");
    }

    [Fact]
    public async Task The_otlp_exporters_clients_go_without_the_resilience_handler_that_the_services_calls_get()
    {
        await using var app = await StartAsync(("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://{DeadEndpoint.HostAndPort()}"));
        var handlers = app.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        Assert.Contains(Chain(handlers.CreateHandler("payment")), handler => handler is ResilienceHandler);
        Assert.All(Extensions.OtlpExporterClients, exporter =>
            Assert.DoesNotContain(Chain(handlers.CreateHandler(exporter)), handler => handler is ResilienceHandler));
    }

    private static IEnumerable<HttpMessageHandler> Chain(HttpMessageHandler outermost)
    {
        for (HttpMessageHandler? handler = outermost; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            yield return handler;
        }
    }

    private static Task<TestApp> StartAsync((string Key, string? Value) otlpEndpoint, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = TestApp.CreateBuilder(otlpEndpoint);
        builder.AddServiceDefaults();
        configure?.Invoke(builder);
        return TestApp.StartAsync(builder, app =>
        {
            app.MapDefaultEndpoints();
            app.MapGet("/hello", () =>
            {
                using var work = ApplicationSource.StartActivity("say hello");
                return "hello";
            });
        });
    }
}
