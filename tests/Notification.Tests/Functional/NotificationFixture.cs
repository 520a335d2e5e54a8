using Accommodation.Notification.Tests.Support;
using Accommodation.Testing;

namespace Accommodation.Notification.Tests.Functional;

/// <summary>
/// The notification service over one PostgreSQL database, consuming the embedded Kafka broker and delivering to a
/// fake KakaoTalk endpoint. Every replica of the service in this test process shares the consumer group
/// "notification", so all of them share this one database; tests keep apart by using their own customer ids.
/// </summary>
public sealed class NotificationFixture : IAsyncLifetime
{
    public const int MaxAttempts = 4;
    public const string SenderKey = "test-sender-key";

    private Dictionary<string, string?> _settings = [];

    public FakeMessageEndpoint MessageEndpoint { get; } = new();

    public NotificationApiFactory Service { get; private set; } = null!;

    public ContractEventPublisher Publisher { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await MessageEndpoint.InitializeAsync();
        foreach (var topic in new[] { TestReservation.ReservationEvents, TestReservation.PaymentEvents })
        {
            await infrastructure.CreateTopicAsync(topic, partitions: 4);
            await infrastructure.CreateTopicAsync($"{topic}.dlt");
        }

        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:notificationdb"] = await infrastructure.CreateDatabaseAsync("notification"),
            ["ConnectionStrings:kafka"] = infrastructure.KafkaBootstrapServers,
            ["Notification:KakaoTalk:Endpoint"] = MessageEndpoint.MessagesUrl,
            ["Notification:KakaoTalk:SenderKey"] = SenderKey,
            // Small, so retries and giving up happen within a test.
            ["Notification:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notification:RetryBackoff"] = "00:00:00.050",
            ["Notification:MaxRetryBackoff"] = "00:00:00.200",
            ["Notification:PollInterval"] = "00:00:00.100",
            ["Messaging:Consumer:RetryBackoff"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        Publisher = new ContractEventPublisher(infrastructure.KafkaBootstrapServers);
        Service = NewReplica();
        // Start now, so migrations and the first group join happen here and not inside the first test's timing.
        _ = Service.Server;
    }

    /// <summary>Another replica of the same service: same database, same consumer group, same channel.</summary>
    /// <param name="senderKey">Lets the fake endpoint tell which replica sent a message.</param>
    public NotificationApiFactory NewReplica(string senderKey = SenderKey) =>
        new(new Dictionary<string, string?>(_settings) { ["Notification:KakaoTalk:SenderKey"] = senderKey });

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Publisher.Dispose();
        await MessageEndpoint.DisposeAsync();
    }
}

[CollectionDefinition(nameof(NotificationCollection))]
public sealed class NotificationCollection : ICollectionFixture<NotificationFixture>;
