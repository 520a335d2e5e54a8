using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

// Settings with the names and configuration section of Aspire.StackExchange.Redis.
public sealed class StackExchangeRedisSettings
{
    public string? ConnectionString { get; set; }
    public bool DisableHealthChecks { get; set; }
    public bool DisableTracing { get; set; }
    public bool DisableMetrics { get; set; }
}

public static class RedisExtensions
{
    private const string ConfigurationSection = "Aspire:StackExchange:Redis";

    public static void AddRedisClient(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<StackExchangeRedisSettings>? configureSettings = null,
        Action<ConfigurationOptions>? configureOptions = null)
    {
        var settings = new StackExchangeRedisSettings();
        builder.Configuration.GetSection(ConfigurationSection).Bind(settings);
        settings.ConnectionString = builder.Configuration.GetConnectionString(connectionName) ?? settings.ConnectionString;
        configureSettings?.Invoke(settings);

        var options = ConfigurationOptions.Parse(ConnectionStrings.Require(settings.ConnectionString, connectionName));
        // Keep retrying in the background: Redis starting after us must not crash the service.
        options.AbortOnConnectFail = false;
        configureOptions?.Invoke(options);

        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            // Resolved first, so the container disposes it after the multiplexer and its last drain sees every command.
            var tracing = settings.DisableTracing ? null : services.GetRequiredService<RedisTracing>();
            var multiplexer = ConnectionMultiplexer.Connect(options);
            tracing?.Instrument(multiplexer);
            return multiplexer;
        });

        if (!settings.DisableTracing)
        {
            // Our own instrumentation: OpenTelemetry.Instrumentation.StackExchangeRedis is not obtainable here.
            builder.Services.TryAddSingleton<RedisTracing>();
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(RedisTracing.ActivitySourceName));
        }

        if (!settings.DisableMetrics)
        {
            // StackExchange.Redis publishes its own meter.
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("StackExchange.Redis"));
        }

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                $"{connectionName}-redis",
                services => new RedisHealthCheck(services.GetRequiredService<IConnectionMultiplexer>()),
                failureStatus: null,
                tags: null));
        }
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The multiplexer reconnects in the background; while it is down a PING would only wait for its timeout.
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Not connected to Redis.");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }
}
