using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Accommodation.RoomView.Tests.Functional;

/// <summary>
/// The real room view over Redis, consuming room, reservation and payment events from the embedded Kafka broker, and
/// trusting the tests' own tokens (<see cref="TestTokens"/>) in place of identity's.
/// </summary>
public sealed class RoomViewFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string RoomEventsTopic = "room-events";
    public const string ReservationEventsTopic = "reservation-events";
    public const string PaymentEventsTopic = "payment-events";

    /// <summary>The audience the service accepts: its name.</summary>
    public const string Audience = "roomview";

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

    /// <summary>A client whose requests carry <paramref name="token"/>.</summary>
    public HttpClient CreateClient(string token) => CreateClient().UseBearer(token);

    /// <summary>A manager's client: reads every customer's reservations.</summary>
    public HttpClient CreateManagerClient() => CreateClient(TestTokens.Manager(Audience));

    /// <summary>A client signed in as <paramref name="customerId"/>: reads that customer's reservations only.</summary>
    public HttpClient CreateCustomerClient(string customerId) => CreateClient(TestTokens.Customer(customerId, Audience));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:cache", RedisConnectionString);
        builder.UseSetting("ConnectionStrings:kafka", KafkaBootstrapServers);
        builder.ConfigureTestServices(services => services.AcceptTestTokens());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(nameof(RoomViewCollection))]
public sealed class RoomViewCollection : ICollectionFixture<RoomViewFactory>;
