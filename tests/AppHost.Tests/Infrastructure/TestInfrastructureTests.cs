using Accommodation.Testing;
using Npgsql;
using StackExchange.Redis;

namespace AppHost.Tests.Infrastructure;

public sealed class TestInfrastructureTests
{
    [Fact]
    public async Task A_created_database_is_fresh_and_usable()
    {
        var infrastructure = await TestInfrastructure.GetAsync();

        var connectionString = await infrastructure.CreateDatabaseAsync("room");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.StartsWith("room_", connection.Database, StringComparison.Ordinal);
        await using var command = new NpgsqlCommand(
            "CREATE TABLE rooms (number text PRIMARY KEY); INSERT INTO rooms VALUES ('101'); SELECT count(*) FROM rooms;", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Each_created_database_is_a_different_one()
    {
        var infrastructure = await TestInfrastructure.GetAsync();

        var first = new NpgsqlConnectionStringBuilder(await infrastructure.CreateDatabaseAsync("room")).Database;
        var second = new NpgsqlConnectionStringBuilder(await infrastructure.CreateDatabaseAsync("room")).Database;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Databases_can_be_created_concurrently()
    {
        var infrastructure = await TestInfrastructure.GetAsync();

        var connectionStrings = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => infrastructure.CreateDatabaseAsync("concurrent")));

        Assert.Equal(8, connectionStrings.Distinct().Count());
    }

    [Fact]
    public async Task Redis_answers_ping_and_keeps_values()
    {
        var infrastructure = await TestInfrastructure.GetAsync();

        await using var redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        var database = redis.GetDatabase();
        await database.PingAsync();
        await database.StringSetAsync("room:101", "Ocean view");

        Assert.Equal("Ocean view", (string?)await database.StringGetAsync("room:101"));
    }

    [Fact]
    public async Task Topics_created_through_the_infrastructure_exist_on_its_broker()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var topic = $"room-events-{Guid.NewGuid():N}";

        await infrastructure.CreateTopicAsync(topic, partitions: 4);

        using var admin = new Confluent.Kafka.AdminClientBuilder(
            new Confluent.Kafka.AdminClientConfig { BootstrapServers = infrastructure.KafkaBootstrapServers }).Build();
        Assert.Equal(4, admin.GetMetadata(topic, TimeSpan.FromSeconds(30)).Topics.Single().Partitions.Count);
    }

    [Fact]
    public async Task Every_caller_gets_the_same_started_infrastructure()
    {
        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(TestInfrastructure.GetAsync)));

        Assert.All(all, infrastructure => Assert.Same(all[0], infrastructure));
    }
}
