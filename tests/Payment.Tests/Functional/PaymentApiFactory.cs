using Accommodation.Messaging;
using Accommodation.Payments.Api.Infrastructure;
using Accommodation.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Payments.Tests.Functional;

/// <summary>
/// The real payment API over a fresh PostgreSQL database and the embedded Kafka broker, with a fast simulated PG,
/// trusting the tests' own tokens (<see cref="TestTokens"/>) in place of identity's; see <see cref="PaymentClients"/>.
/// </summary>
public sealed class PaymentApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PaymentEventsTopic = "payment-events";
    public const string ReservationEventsTopic = "reservation-events";

    /// <summary>The audience the service accepts: its name.</summary>
    public const string Audience = "payment";

    /// <summary>How long a read of payment events waits past the expected count, so a duplicate would be seen.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMilliseconds(500);

    private string _paymentDb = "";

    public string KafkaBootstrapServers { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _paymentDb = await infrastructure.CreateDatabaseAsync("payment");
        KafkaBootstrapServers = infrastructure.KafkaBootstrapServers;
        await infrastructure.CreateTopicAsync(PaymentEventsTopic, partitions: 4);
        await infrastructure.CreateTopicAsync(ReservationEventsTopic, partitions: 4);
        await infrastructure.CreateTopicAsync($"{ReservationEventsTopic}.dlt");
        // Start now, so migrations run once here and not inside the first test's timing.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:paymentdb", _paymentDb);
        builder.UseSetting("ConnectionStrings:kafka", KafkaBootstrapServers);
        // Long enough that parallel duplicates overlap the charge, short enough to keep the tests quick.
        builder.UseSetting("Payment:Gateway:Latency", "00:00:00.020");
        builder.UseSetting("Payment:Gateway:LatencyJitter", "00:00:00.010");
        builder.ConfigureTestServices(services => services.AcceptTestTokens());
    }

    /// <summary>
    /// A second instance of the service on the same database, with the simulated PG set by <paramref name="settings"/>;
    /// it trusts the same test tokens (this factory's configuration runs first).
    /// </summary>
    public WebApplicationFactory<Program> WithGateway(params (string Key, string Value)[] settings) =>
        WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting($"Payment:Gateway:{key}", value);
            }
        });

    public async Task<T> QueryAsync<T>(Func<PaymentDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaymentDbContext>());
    }

    public Task<int> PaymentCountAsync(string reservationNumber) =>
        QueryAsync(db => db.Payments.CountAsync(payment => payment.ReservationNumber == reservationNumber));

    public Task<int> OutboxCountAsync(string reservationNumber, string eventType) =>
        QueryAsync(db => db.Set<OutboxMessage>().CountAsync(message => message.Key == reservationNumber && message.EventType == eventType));

    public Task<bool> IdempotencyKeyExistsAsync(string key) =>
        QueryAsync(db => db.IdempotencyRecords.AnyAsync(record => record.Key == key));

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(nameof(PaymentApiCollection))]
public sealed class PaymentApiCollection : ICollectionFixture<PaymentApiFactory>;
