using System.Net;
using System.Net.Sockets;
using Accommodation.Rooms.Api.Infrastructure;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Accommodation.Rooms.Tests.Infrastructure;

public sealed class DatabaseMigratorTests
{
    [Fact]
    public async Task Start_up_waits_for_an_unreachable_database_and_migrates_once_it_answers()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var database = new NpgsqlConnectionStringBuilder(await infrastructure.CreateDatabaseAsync("room_migrator"));
        var postgres = new DnsEndPoint(database.Host!, database.Port);
        using var listenerPort = new TcpListener(IPAddress.Loopback, 0);
        listenerPort.Start();
        var port = ((IPEndPoint)listenerPort.LocalEndpoint).Port;
        listenerPort.Stop();
        database.Port = port;

        var logs = new AttemptLog();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            // No EF retries, so each refused connection is one attempt of the migrator's own loop.
            .AddDbContext<RoomDbContext>(options => options.UseNpgsql(database.ConnectionString))
            .BuildServiceProvider();
        var migrator = new DatabaseMigrator<RoomDbContext>(services, services.GetRequiredService<ILogger<DatabaseMigrator<RoomDbContext>>>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var start = migrator.StartAsync(timeout.Token);
        await logs.FirstRetry.WaitAsync(timeout.Token);
        Assert.False(start.IsCompleted);
        await using (await TcpRelay.StartAsync(port, postgres))
        {
            await start.WaitAsync(timeout.Token);
        }

        await using var scope = services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<RoomDbContext>();
        database.Port = postgres.Port;
        dbContext.Database.SetConnectionString(database.ConnectionString);
        Assert.Empty(await dbContext.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await dbContext.Rooms.CountAsync());
    }

    [Fact]
    public async Task Stopping_while_waiting_for_the_database_ends_the_wait()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<RoomDbContext>(options => options.UseNpgsql("Host=127.0.0.1;Port=1;Database=roomdb;Timeout=1"))
            .BuildServiceProvider();
        var migrator = new DatabaseMigrator<RoomDbContext>(services, services.GetRequiredService<ILogger<DatabaseMigrator<RoomDbContext>>>());
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrator.StartAsync(stopping.Token));
    }

    /// <summary>Completes <see cref="FirstRetry"/> when the migrator logs its first "not reachable".</summary>
    private sealed class AttemptLog : ILoggerProvider, ILogger
    {
        private readonly TaskCompletionSource _firstRetry = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstRetry => _firstRetry.Task;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && formatter(state, exception).Contains("not reachable", StringComparison.Ordinal))
            {
                _firstRetry.TrySetResult();
            }
        }

        public void Dispose()
        {
        }
    }
}
