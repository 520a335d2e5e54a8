using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>The real room view over Redis, consuming <c>room-events</c> from the embedded Kafka broker.</summary>
public sealed class RoomViewFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string RoomEventsTopic = "room-events";

    public string KafkaBootstrapServers { get; private set; } = "";

    public string RedisConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        KafkaBootstrapServers = infrastructure.KafkaBootstrapServers;
        RedisConnectionString = infrastructure.RedisConnectionString;
        await infrastructure.CreateTopicAsync(RoomEventsTopic, partitions: 4);
        _ = Server;
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
