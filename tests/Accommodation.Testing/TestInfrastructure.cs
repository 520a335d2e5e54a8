using System.Text;
using Accommodation.Hosting.Kafka;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Postgres;
using Accommodation.Hosting.Redis;

namespace Accommodation.Testing;

/// <summary>
/// Real PostgreSQL, Redis and an embedded Kafka broker, started once per test process with the AppHost's own
/// resource code, on free ports and in a temp folder; a watchdog process stops them when the test process exits.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly Lazy<Task<TestInfrastructure>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    // Test data is thrown away, so durability only costs time.
    private static readonly Dictionary<string, string> FastPostgresSettings = new()
    {
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
        ["max_connections"] = "300",
    };

    private readonly PostgresServer _postgres;
    private readonly RedisServer _redis;
    private readonly EmbeddedKafkaBroker _kafka;

    private TestInfrastructure(PostgresServer postgres, RedisServer redis, EmbeddedKafkaBroker kafka)
    {
        _postgres = postgres;
        _redis = redis;
        _kafka = kafka;
    }

    public string KafkaBootstrapServers => _kafka.BootstrapServers;

    /// <summary>e.g. "127.0.0.1:6390".</summary>
    public string RedisConnectionString => _redis.ConnectionString;

    /// <summary>Server-level connection string (database "postgres").</summary>
    public string PostgresConnectionString => _postgres.ConnectionString;

    /// <summary>Starts everything on first call; later calls (from any thread) get the same instance.</summary>
    public static Task<TestInfrastructure> GetAsync() => Shared.Value;

    /// <summary>Creates a fresh database named "{prefix}_{unique}" and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) =>
        _postgres.EnsureDatabaseAsync(UniqueDatabaseName(prefix), CancellationToken.None);

    /// <summary>Creates the topic broker-side (the embedded broker ignores CreateTopics requests).</summary>
    public Task CreateTopicAsync(string name, int partitions = 1)
    {
        _kafka.CreateTopic(name, partitions);
        return Task.CompletedTask;
    }

    private static async Task<TestInfrastructure> StartAsync()
    {
        // Not Directory.CreateTempSubdirectory: its folder is private, and the postgres user must reach into ours.
        var runFolder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"accommodation-tests-{Guid.NewGuid():N}")).FullName;

        var postgresStart = PostgresServer.StartAsync(
            new PostgresServerOptions(Path.Combine(runFolder, "postgres"), FreePort.Find()) { Settings = FastPostgresSettings },
            line => Console.WriteLine($"[postgres] {line}"),
            CancellationToken.None);
        var redisStart = RedisServer.StartAsync(
            new RedisServerOptions(Path.Combine(runFolder, "redis"), FreePort.Find()) { Persistent = false },
            line => Console.WriteLine($"[redis] {line}"),
            CancellationToken.None);
        try
        {
            await Task.WhenAll(postgresStart, redisStart);
        }
        catch
        {
            // Whatever did start must not outlive the failed start.
            await StopStartedAsync(postgresStart, redisStart);
            Directory.Delete(runFolder, recursive: true);
            throw;
        }

        var postgres = await postgresStart;
        var redis = await redisStart;
        TestProcessWatchdog.Start(postgres.ProcessId, redis.ProcessId, runFolder);
        // In memory and in this process: the broker ends with it.
        return new TestInfrastructure(postgres, redis, EmbeddedKafkaBroker.Start());
    }

    private static async Task StopStartedAsync(Task<PostgresServer> postgresStart, Task<RedisServer> redisStart)
    {
        if (postgresStart.IsCompletedSuccessfully)
        {
            await postgresStart.Result.DisposeAsync();
        }

        if (redisStart.IsCompletedSuccessfully)
        {
            await redisStart.Result.DisposeAsync();
        }
    }

    private static string UniqueDatabaseName(string prefix)
    {
        var name = new StringBuilder();
        foreach (var character in prefix.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(character) ? character : '_');
        }

        // PostgreSQL identifiers are at most 63 bytes.
        var unique = $"_{Guid.NewGuid():N}";
        return name.ToString()[..Math.Min(name.Length, 63 - unique.Length)] + unique;
    }
}
