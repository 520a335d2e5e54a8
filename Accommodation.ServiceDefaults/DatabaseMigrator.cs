using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Applies pending EF migrations before the app serves requests (and before later hosted services, such as the
/// outbox relay, start), waiting for the database as long as it takes to become reachable.
/// </summary>
public sealed partial class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService
    where TContext : DbContext
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = DatabaseMigrations.ActivitySource.StartActivity($"migrate {typeof(TContext).Name}");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                LogMigrated(typeof(TContext).Name, attempt);
                return;
            }
            catch (Exception exception) when (IsUnreachable(exception) && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, 250 * Math.Pow(2, attempt - 1)));
                LogUnreachable(exception, typeof(TContext).Name, attempt, delay);
                activity?.AddEvent(new ActivityEvent("database unreachable", tags: new() { ["attempt"] = attempt }));
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
        await dbContext.Database.MigrateAsync(cancellationToken);
    }

    // Only a database we cannot reach yet is worth waiting for; a broken migration must stop the start-up.
    private static bool IsUnreachable(Exception exception) =>
        exception is RetryLimitExceededException or TimeoutException or DbException { IsTransient: true };

    [LoggerMessage(LogLevel.Information, "Database of {DbContext} is up to date (attempt {Attempt})")]
    private partial void LogMigrated(string dbContext, int attempt);

    [LoggerMessage(LogLevel.Warning, "Database of {DbContext} is not reachable (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogUnreachable(Exception exception, string dbContext, int attempt, TimeSpan delay);
}

public static class DatabaseMigrations
{
    internal static readonly ActivitySource ActivitySource = new(TelemetryNames.Migrations);

    /// <summary>Register before hosted services that need the schema (such as the outbox relay): hosted services start in order.</summary>
    public static IServiceCollection AddDatabaseMigration<TContext>(this IServiceCollection services) where TContext : DbContext =>
        services.AddHostedService<DatabaseMigrator<TContext>>();
}
