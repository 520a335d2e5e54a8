using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

// Settings with the names and configuration section of Aspire.Npgsql.EntityFrameworkCore.PostgreSQL.
public sealed class NpgsqlEntityFrameworkCorePostgreSQLSettings
{
    public string? ConnectionString { get; set; }
    public bool DisableRetry { get; set; }
    public bool DisableHealthChecks { get; set; }
    public bool DisableTracing { get; set; }
    public bool DisableMetrics { get; set; }
    public int? CommandTimeout { get; set; }
}

public static class NpgsqlDbContextExtensions
{
    private const string ConfigurationSection = "Aspire:Npgsql:EntityFrameworkCore:PostgreSQL";

    public static void AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlEntityFrameworkCorePostgreSQLSettings>? configureSettings = null,
        Action<DbContextOptionsBuilder>? configureDbContextOptions = null)
        where TContext : DbContext
    {
        var settings = new NpgsqlEntityFrameworkCorePostgreSQLSettings();
        builder.Configuration.GetSection(ConfigurationSection).Bind(settings);
        builder.Configuration.GetSection($"{ConfigurationSection}:{typeof(TContext).Name}").Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { } connectionString)
        {
            settings.ConnectionString = connectionString;
        }
        configureSettings?.Invoke(settings);

        var validConnectionString = ConnectionStrings.Require(settings.ConnectionString, connectionName);

        builder.Services.AddDbContextPool<TContext>(options =>
        {
            options.UseNpgsql(validConnectionString, npgsql =>
            {
                if (!settings.DisableRetry)
                {
                    npgsql.EnableRetryOnFailure();
                }
                if (settings.CommandTimeout is { } timeout)
                {
                    npgsql.CommandTimeout(timeout);
                }
            });
            configureDbContextOptions?.Invoke(options);
        });

        if (!settings.DisableHealthChecks)
        {
            // Opens a connection directly: the retrying execution strategy would hold a probe for a minute.
            builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(
                name: $"{connectionName}-{typeof(TContext).Name}",
                customTestQuery: static async (context, cancellationToken) =>
                {
                    var connection = context.Database.GetDbConnection();
                    await connection.OpenAsync(cancellationToken);
                    await connection.CloseAsync();
                    return true;
                });
        }

        if (!settings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddNpgsql());
        }

        if (!settings.DisableMetrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("Npgsql"));
        }
    }
}
