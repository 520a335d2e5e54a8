using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Accommodation.Rooms.Tests.Functional;

/// <summary>The real room API over a fresh PostgreSQL database and the embedded Kafka broker.</summary>
public sealed class RoomApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string RoomEventsTopic = "room-events";

    private string _roomDb = "";

    public string KafkaBootstrapServers { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _roomDb = await infrastructure.CreateDatabaseAsync("room");
        KafkaBootstrapServers = infrastructure.KafkaBootstrapServers;
        await infrastructure.CreateTopicAsync(RoomEventsTopic, partitions: 4);
        // Start now, so migrations run once here and not inside the first test's timing.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:roomdb", _roomDb);
        builder.UseSetting("ConnectionStrings:kafka", KafkaBootstrapServers);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(nameof(RoomApiCollection))]
public sealed class RoomApiCollection : ICollectionFixture<RoomApiFactory>;
