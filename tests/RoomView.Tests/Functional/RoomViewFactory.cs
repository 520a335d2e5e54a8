using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>The real room view over Redis, consuming room, reservation and payment events from the embedded Kafka broker.</summary>
public sealed class RoomViewFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string RoomEventsTopic = "room-events";
    public const string ReservationEventsTopic = "reservation-events";
    public const string PaymentEventsTopic = "payment-events";

    private static readonly Lock TopicsGate = new();
    private static Task? _topicsCreated;

    public string KafkaBootstrapServers { get; private set; } = "";

    public string RedisConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        KafkaBootstrapServers = infrastructure.KafkaBootstrapServers;
        RedisConnectionString = infrastructure.RedisConnectionString;
        await CreateTopicsOnceAsync(infrastructure);
        _ = Server;
    }

    // Once per test process: a second replica shares the broker, and the broker refuses a topic twice.
    private static Task CreateTopicsOnceAsync(TestInfrastructure infrastructure)
    {
        lock (TopicsGate)
        {
            return _topicsCreated ??= CreateTopicsAsync(infrastructure);
        }
    }

    private static async Task CreateTopicsAsync(TestInfrastructure infrastructure)
    {
        foreach (var topic in new[] { RoomEventsTopic, ReservationEventsTopic, PaymentEventsTopic })
        {
            await infrastructure.CreateTopicAsync(topic, partitions: 4);
            await infrastructure.CreateTopicAsync($"{topic}.dlt");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:cache", RedisConnectionString);
        builder.UseSetting("ConnectionStrings:kafka", KafkaBootstrapServers);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(nameof(RoomViewCollection))]
public sealed class RoomViewCollection : ICollectionFixture<RoomViewFactory>;
