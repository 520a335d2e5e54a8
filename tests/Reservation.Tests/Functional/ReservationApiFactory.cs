using Accommodation.Reservations.Infrastructure;
using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Accommodation.Reservations.Tests.Functional;

/// <summary>
/// The real reservation API over a fresh PostgreSQL database and the embedded Kafka broker, calling a fake payment
/// service through real service discovery (<c>services:payment:http:0</c>) with a token from the fake's token endpoint.
/// It trusts test tokens (<see cref="TestTokens"/>): <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> sends
/// none; <see cref="CreateCustomerClient"/> and <see cref="CreateManagerClient"/> send a customer's or a manager's.
/// </summary>
public class ReservationApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string RoomEventsTopic = "room-events";
    public const string ReservationEventsTopic = "reservation-events";

    /// <summary>The audience of the reservation service's tokens.</summary>
    public const string Audience = "reservation";

    /// <summary>The customer most tests reserve as.</summary>
    public const string DefaultCustomer = "9805";

    private static readonly SemaphoreSlim TopicsCreated = new(1, 1);
    private static bool _topicsExist;

    private string _reservationDb = "";

    public FakePaymentService Payment { get; } = new();

    /// <summary>Everything the host logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public string KafkaBootstrapServers { get; private set; } = "";

    /// <summary>Reservation:HoldTime of this host.</summary>
    public virtual TimeSpan HoldTime => TimeSpan.FromMinutes(15);

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _reservationDb = await infrastructure.CreateDatabaseAsync("reservation");
        KafkaBootstrapServers = infrastructure.KafkaBootstrapServers;
        await EnsureTopicsAsync(infrastructure);
        await Payment.StartAsync();
        // Start now, so migrations run once here and not inside the first test's timing.
        StartHost();
    }

    protected virtual void StartHost() => _ = Server;

    /// <summary>Settings a host of a special kind adds to (or overrides in) the usual ones.</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>();

    /// <summary>Where the host asks for its payment token: the fake's token endpoint, unless a host of a special kind says otherwise.</summary>
    protected virtual string TokenEndpoint => Payment.TokenEndpoint;

    /// <summary>A client whose requests carry <paramref name="customerId"/>'s token (role customer).</summary>
    public HttpClient CreateCustomerClient(string customerId = DefaultCustomer) =>
        CreateClient().UseBearer(TestTokens.Customer(customerId, Audience));

    /// <summary>A client whose requests carry a manager's token.</summary>
    public HttpClient CreateManagerClient() => CreateClient().UseBearer(TestTokens.Manager(Audience));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:reservationdb", _reservationDb);
        builder.UseSetting("ConnectionStrings:kafka", KafkaBootstrapServers);
        builder.UseSetting("services:payment:http:0", Payment.Url);
        builder.UseSetting("Identity:TokenEndpoint", TokenEndpoint);
        builder.UseSetting("Identity:ClientSecret", FakePaymentService.ClientSecret);
        builder.UseSetting("Reservation:HoldTime", HoldTime.ToString());
        builder.UseSetting("Reservation:HoldExpiryScanInterval", "00:00:00.200");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in MoreSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AcceptTestTokens();
            // The standard handler's retries, without their seconds-long waits (the payment client is the only one with retries).
            services.ConfigureAll<HttpStandardResilienceOptions>(resilience =>
            {
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(20);
                resilience.Retry.UseJitter = false;
            });
        });
    }

    public async Task<T> InDatabaseAsync<T>(Func<ReservationDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReservationDbContext>());
    }

    /// <summary>Rows in outbox_messages keyed by <paramref name="key"/>: one per event published about it.</summary>
    public Task<int> OutboxCountAsync(string key) =>
        InDatabaseAsync(db => db.Set<Accommodation.Messaging.OutboxMessage>().CountAsync(message => message.Key == key));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Payment.DisposeAsync();
    }

    private static async Task EnsureTopicsAsync(TestInfrastructure infrastructure)
    {
        await TopicsCreated.WaitAsync();
        try
        {
            if (!_topicsExist)
            {
                await infrastructure.CreateTopicAsync(RoomEventsTopic, partitions: 4);
                await infrastructure.CreateTopicAsync($"{RoomEventsTopic}.dlt");
                await infrastructure.CreateTopicAsync(ReservationEventsTopic, partitions: 4);
                _topicsExist = true;
            }
        }
        finally
        {
            TopicsCreated.Release();
        }
    }
}

[CollectionDefinition(nameof(ReservationApiCollection))]
public sealed class ReservationApiCollection : ICollectionFixture<ReservationApiFactory>;
