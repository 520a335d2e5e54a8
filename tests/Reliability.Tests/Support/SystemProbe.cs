using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Accommodation.Messaging;
using Accommodation.Testing.Kafka;
using Confluent.Kafka;
using Npgsql;

namespace Reliability.Tests.Support;

/// <summary>
/// Looks behind the services: their databases, the broker's topics, Redis — with the connection strings the AppHost
/// gave the services. This is how a test tells an effect that happened once from one that happened twice or never.
/// </summary>
public sealed class SystemProbe
{
    private readonly IReadOnlyDictionary<string, string> _connectionStrings;
    private readonly Dictionary<string, NpgsqlDataSource> _databases = [];

    private SystemProbe(IReadOnlyDictionary<string, string> connectionStrings) => _connectionStrings = connectionStrings;

    public string Kafka => _connectionStrings["kafka"];

    public string Redis => _connectionStrings["cache"];

    public static async Task<SystemProbe> ConnectAsync(HttpClient appHostApi)
    {
        var resources = await appHostApi.GetFromJsonAsync<JsonElement>("/api/resources");
        var connectionStrings = resources.EnumerateArray()
            .Where(resource => resource.GetProperty("connectionString").ValueKind == JsonValueKind.String)
            .ToDictionary(resource => resource.GetProperty("name").GetString()!, resource => resource.GetProperty("connectionString").GetString()!);
        return new SystemProbe(connectionStrings);
    }

    /// <summary>A database by its resource name (roomdb, reservationdb, paymentdb, notificationdb).</summary>
    public NpgsqlDataSource Database(string name)
    {
        lock (_databases)
        {
            if (!_databases.TryGetValue(name, out var dataSource))
            {
                // No pooling: a PostgreSQL restart must not leave the probe with dead connections.
                var connectionString = new NpgsqlConnectionStringBuilder(_connectionStrings[name]) { Pooling = false }.ConnectionString;
                dataSource = NpgsqlDataSource.Create(connectionString);
                _databases[name] = dataSource;
            }

            return dataSource;
        }
    }

    /// <summary>A count; pass an array parameter as <c>(object)array</c>, or C# spreads it into the parameters.</summary>
    public async Task<long> CountAsync(string database, string sql, params object[] parameters)
    {
        await using var command = Database(database).CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of a query as (column → value) maps, for comparing a source of truth with a view.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string database, string sql, params object[] parameters)
    {
        await using var command = Database(database).CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var column = 0; column < reader.FieldCount; column++)
            {
                row[reader.GetName(column)] = reader.IsDBNull(column) ? null : reader.GetValue(column);
            }

            rows.Add(row);
        }

        return rows;
    }

    public IntegrationEventsPublisher Publisher() => new(Kafka);

    /// <summary>
    /// What the system still has to do with events already made, as "…: n behind" lines; empty when it is quiet: every
    /// outbox has published its rows, and every consumer group has committed up to the end of the topics it reads.
    /// </summary>
    public async Task<IReadOnlyList<string>> BacklogAsync()
    {
        var backlog = new List<string>();
        foreach (var database in (string[])["reservationdb", "paymentdb", "roomdb"])
        {
            if (await CountAsync(database, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") is var unsent and > 0)
            {
                backlog.Add($"{database} outbox: {unsent} behind");
            }
        }

        backlog.AddRange(await Task.Run(ConsumerLag));
        return backlog;
    }

    // Which topics each service's consumer group reads (the services' subscriptions).
    private static readonly Dictionary<string, string[]> Subscriptions = new()
    {
        ["reservation"] = ["room-events"],
        ["payment"] = ["reservation-events"],
        ["room"] = ["reservation-events"],
        ["notification"] = ["reservation-events", "payment-events"],
        ["roomview"] = ["room-events", "reservation-events", "payment-events"],
    };

    private List<string> ConsumerLag()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Kafka }).Build();
        var lag = new List<string>();
        foreach (var (group, topics) in Subscriptions)
        {
            var partitions = topics
                .SelectMany(topic => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
                    .Select(partition => new TopicPartition(topic, partition.PartitionId)))
                .ToList();
            // Only reads the group's committed offsets; it never joins the group.
            using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = Kafka, GroupId = group, EnableAutoCommit = false }).Build();
            foreach (var committed in consumer.Committed(partitions, TimeSpan.FromSeconds(10)))
            {
                var log = consumer.QueryWatermarkOffsets(committed.TopicPartition, TimeSpan.FromSeconds(10));
                // A partition the group has never committed on owes everything in it (a starting group, a rebalance).
                var done = committed.Offset.Value >= 0 ? committed.Offset.Value : log.Low.Value;
                if (log.High.Value > done)
                {
                    lag.Add($"{group} {committed.Topic}[{committed.Partition.Value}]: {log.High.Value - done} behind");
                }
            }
        }

        return lag;
    }

    /// <summary>Every message on <paramref name="topic"/> up to its end as of now, in partition then offset order.</summary>
    public Task<IReadOnlyList<TopicMessage>> ReadTopicAsync(string topic) => Task.Run(() =>
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = Kafka,
            GroupId = $"reliability-probe-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Kafka }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
        if (metadata.Error.IsError)
        {
            return (IReadOnlyList<TopicMessage>)[];
        }

        var messages = new List<TopicMessage>();
        foreach (var partition in metadata.Partitions.Select(partition => new TopicPartition(topic, partition.PartitionId)))
        {
            var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
            consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            var position = 0L;
            while (position < end)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Could not read {partition} up to offset {end}.");
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
                {
                    messages.Add(TopicMessage.From(result));
                    position = result.Offset.Value + 1;
                }
            }
        }

        consumer.Close();
        return (IReadOnlyList<TopicMessage>)messages;
    });
}

/// <summary>One message as it is in the log: where it is, its key, its headers and its payload.</summary>
public sealed record TopicMessage(int Partition, long Offset, string Key, IReadOnlyDictionary<string, string> Headers, byte[] Value)
{
    public string? EventId => Headers.GetValueOrDefault(MessageHeaders.EventId);

    public string? EventType => Headers.GetValueOrDefault(MessageHeaders.EventType);

    public JsonElement Json => JsonDocument.Parse(Value).RootElement.Clone();

    public static TopicMessage From(ConsumeResult<string, byte[]> result)
    {
        var headers = new Dictionary<string, string>();
        foreach (var header in result.Message.Headers ?? [])
        {
            // The last value wins, as the consumer host reads them.
            headers[header.Key] = Encoding.UTF8.GetString(header.GetValueBytes());
        }

        return new TopicMessage(result.Partition.Value, result.Offset.Value, result.Message.Key, headers, result.Message.Value ?? []);
    }
}
