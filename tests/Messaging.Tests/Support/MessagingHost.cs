using Accommodation.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Messaging.Tests.Support;

/// <summary>A service process in miniature: a generic host wired the way a service wires messaging.</summary>
internal static class MessagingHost
{
    public const string DatabaseConnectionName = "messagingdb";

    public static async Task<RunningHost> StartAsync(TestDatabase database, Action<HostApplicationBuilder> configure,
        IDictionary<string, string?>? settings = null)
    {
        var host = await BuildAsync(database, configure, settings);
        await host.StartAsync();
        return new RunningHost(host);
    }

    private static async Task<IHost> BuildAsync(TestDatabase database, Action<HostApplicationBuilder> configure,
        IDictionary<string, string?>? settings = null)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "Messaging.Tests",
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseConnectionName}"] = database.ConnectionString,
            ["ConnectionStrings:kafka"] = infrastructure.KafkaBootstrapServers,
            // The embedded broker's dev settings: fast group hand-over and low fetch latency.
            ["Aspire:Confluent:Kafka:Consumer:Config:SessionTimeoutMs"] = "6000",
            ["Aspire:Confluent:Kafka:Consumer:Config:HeartbeatIntervalMs"] = "1000",
            ["Aspire:Confluent:Kafka:Consumer:Config:FetchWaitMaxMs"] = "10",
            ["Messaging:Consumer:RetryBackoff"] = "00:00:00.050",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNpgsqlDbContext<TestDbContext>(DatabaseConnectionName);
        builder.Services.AddSingleton<HandledEvents>();
        configure(builder);
        return builder.Build();
    }
}

/// <summary>A started host that is stopped (hosted services end gracefully) before it is disposed.</summary>
internal sealed class RunningHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public HandledEvents Handled => host.Services.GetRequiredService<HandledEvents>();

    public async Task<T> InScopeAsync<T>(Func<TestDbContext, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
