using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

// The same contract as Aspire's ServiceDefaults: telemetry, health, service discovery, resilience.
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string LiveTag = "live";

    /// <summary>The names of the HttpClients the OpenTelemetry OTLP exporters ask the factory for.</summary>
    public static readonly IReadOnlyList<string> OtlpExporterClients = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    /// <summary>
    /// When set, /alive fails while this file is missing: the AppHost creates it per replica and deletes it on request,
    /// the way the requirements' liveness-probe demo removed a file inside the pod.
    /// </summary>
    public const string LivenessFileKey = "Health:LivenessFile";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddDefaultProblemDetails();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // Also for the handlers a service puts in place of the default one.
        builder.Services.AddCircuitBreakerStates();

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryNames.Messaging)
                .AddMeter(TelemetryNames.Resilience))
            .WithTracing(tracing => tracing
                // Background pollers (outbox relay, inbox clean-up, health checks) would each make a one-span database trace a second.
                .SetSampler(OrphanDatabaseSpanSampler.ParentBased())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryNames.Messaging)
                .AddSource(TelemetryNames.Migrations)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // Probes would drown the traces that matter.
                    aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        // The exporters get their HttpClients from the factory, and so the defaults' resilience handler: telemetry would
        // then retry on its own and share one circuit breaker with the service's real calls. The exporter retries itself.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is the documented way to take the defaults' handler off a client.
        foreach (var exporterClient in OtlpExporterClients)
        {
            builder.Services.AddHttpClient(exporterClient).RemoveAllResilienceHandlers();
        }
#pragma warning restore EXTEXP0001

        // Polly logs every attempt of every call at Information; retries and breaker changes come as warnings and errors.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        if (builder.Configuration[LivenessFileKey] is { Length: > 0 } livenessFile)
        {
            builder.Services.AddHealthChecks().AddCheck("liveness-file", () => File.Exists(livenessFile)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{livenessFile} is gone"), [LiveTag]);
        }

        return builder;
    }

    /// <summary>
    /// Problem details for errors, authentication and authorization, /health and /alive.
    /// <paramref name="afterAuthentication"/> runs between the two (the gateway's rate limits, which count per user).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, Action<IApplicationBuilder>? afterAuthentication = null)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // After the status-code pages, so that a 401 or 403 gets a problem-details body too.
        if (app.Services.GetService<IAuthenticationSchemeProvider>() is not null)
        {
            app.UseAuthentication();
        }

        afterAuthentication?.Invoke(app);

        if (app.Services.GetService<IAuthorizationPolicyProvider>() is not null)
        {
            app.UseAuthorization();
        }

        // Readiness: every check must pass before traffic is sent here.
        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();

        // Liveness: only the process itself; a slow dependency must not get us restarted.
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
        }).AllowAnonymous();

        return app;
    }
}
