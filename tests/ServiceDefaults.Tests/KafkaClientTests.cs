using System.Net;
using Accommodation.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

public sealed class KafkaClientTests
{
    [Fact]
    public async Task Producer_and_consumer_exchange_a_message_through_the_broker()
    {
        var infra = await TestInfrastructure.GetAsync();
        var topic = $"sd-{Guid.NewGuid():N}";
        await infra.CreateTopicAsync(topic, partitions: 1);
        var builder = TestApp.CreateBuilder(
            ("ConnectionStrings:kafka", infra.KafkaBootstrapServers),
            ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", $"sd-{Guid.NewGuid():N}"),
            ("Aspire:Confluent:Kafka:Consumer:Config:AutoOffsetReset", "Earliest"),
            ("Aspire:Confluent:Kafka:Consumer:Config:FetchWaitMaxMs", "10"));
        builder.AddServiceDefaults();
        builder.AddKafkaProducer<string, string>("kafka");
        builder.AddKafkaConsumer<string, string>("kafka");
        await using var app = await TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());

        var producer = app.Services.GetRequiredService<IProducer<string, string>>();
        var delivered = await producer.ProduceAsync(topic, new Message<string, string> { Key = "101", Value = "room registered" });
        var consumer = app.Services.GetRequiredService<IConsumer<string, string>>();
        consumer.Subscribe(topic);
        var received = ConsumeOne(consumer, TimeSpan.FromSeconds(30));

        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.Equal(("101", "room registered"), (received.Message.Key, received.Message.Value));
    }

    [Fact]
    public async Task Config_is_bound_from_configuration_and_the_settings_callback_has_the_last_word()
    {
        var infra = await TestInfrastructure.GetAsync();
        var clientId = $"sd-{Guid.NewGuid():N}";
        var builder = TestApp.CreateBuilder(
            ("ConnectionStrings:kafka", infra.KafkaBootstrapServers),
            ("Aspire:Confluent:Kafka:Producer:Config:LingerMs", "5"),
            ("Aspire:Confluent:Kafka:Producer:Config:ClientId", $"{clientId}-producer"),
            ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", "from-configuration"),
            ("Aspire:Confluent:Kafka:Consumer:Config:SessionTimeoutMs", "6000"));
        ProducerConfig? producerConfig = null;
        ConsumerConfig? consumerConfig = null;
        builder.AddKafkaProducer<string, string>("kafka", settings => producerConfig = settings.Config);
        builder.AddKafkaConsumer<string, string>("kafka", settings =>
        {
            settings.Config.GroupId = "from-callback";
            settings.Config.ClientId = $"{clientId}-consumer";
            consumerConfig = settings.Config;
        });
        await using var app = await TestApp.StartAsync(builder, _ => { });

        Assert.Equal(5, producerConfig?.LingerMs);
        Assert.Equal(6000, consumerConfig?.SessionTimeoutMs);
        Assert.Equal("from-callback", consumerConfig?.GroupId);
        Assert.Equal(infra.KafkaBootstrapServers, producerConfig?.BootstrapServers);
        // The client's name carries client.id: proof that the bound Config reached librdkafka.
        Assert.StartsWith($"{clientId}-producer#", app.Services.GetRequiredService<IProducer<string, string>>().Name);
        Assert.StartsWith($"{clientId}-consumer#", app.Services.GetRequiredService<IConsumer<string, string>>().Name);
    }

    [Fact]
    public async Task Consumer_lag_counts_what_the_consumer_has_not_stored_and_a_closed_consumer_stops_reporting_it()
    {
        var infra = await TestInfrastructure.GetAsync();
        var topic = $"sd-{Guid.NewGuid():N}";
        await infra.CreateTopicAsync(topic, partitions: 1);
        var group = $"sd-{Guid.NewGuid():N}";
        var builder = TestApp.CreateBuilder(
            ("ConnectionStrings:kafka", infra.KafkaBootstrapServers),
            ("Aspire:Confluent:Kafka:Consumer:Config:FetchWaitMaxMs", "10"));
        builder.AddKafkaProducer<string, string>("kafka");
        builder.AddKafkaConsumer<string, string>("kafka", settings =>
        {
            settings.Config.GroupId = group;
            settings.Config.ClientId = $"{group}-consumer";
            settings.Config.AutoOffsetReset = AutoOffsetReset.Earliest;
            // As the consumer host does: an offset is stored once its message is handled.
            settings.Config.EnableAutoOffsetStore = false;
        });
        await using var app = await TestApp.StartAsync(builder, _ => { });
        using var lag = new GaugeReader<long>(app.Services, "Confluent.Kafka", "messaging.kafka.consumer.lag");
        var consumer = app.Services.GetRequiredService<IConsumer<string, string>>();
        // librdkafka hands statistics over inside Consume, so the consumer keeps polling while the lag is read.
        long? LagOfTopic()
        {
            consumer.Consume(TimeSpan.FromMilliseconds(50));
            return lag.Read(
                ("messaging.consumer.group.name", group),
                ("messaging.destination.name", topic),
                ("messaging.client_id", $"{group}-consumer")) is [var value] ? value : null;
        }

        var producer = app.Services.GetRequiredService<IProducer<string, string>>();
        foreach (var room in new[] { "101", "102", "103" })
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = room, Value = $"room {room} registered" });
        }

        consumer.Subscribe(topic);
        var received = Enumerable.Range(0, 3).Select(_ => ConsumeOne(consumer, TimeSpan.FromSeconds(30))).ToList();

        consumer.StoreOffset(received[0]);
        await Poll.UntilAsync(() => LagOfTopic() == 2, TimeSpan.FromSeconds(30), "two received messages are not stored yet");
        consumer.StoreOffset(received[2]);
        await Poll.UntilAsync(() => LagOfTopic() == 0, TimeSpan.FromSeconds(30), "every message is stored");

        consumer.Close();
        Assert.Empty(lag.Read(("messaging.consumer.group.name", group)));
    }

    [Fact]
    public async Task Health_is_ready_when_the_broker_answers()
    {
        var infra = await TestInfrastructure.GetAsync();
        await using var app = await StartWithProducerAndConsumerAsync(infra.KafkaBootstrapServers);

        await app.WaitUntilHealthyAsync();
    }

    [Fact]
    public async Task The_broker_being_down_degrades_health_but_keeps_the_service_ready_for_requests()
    {
        await using var app = await StartWithProducerAndConsumerAsync(DeadEndpoint.HostAndPort());

        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/health"));
        Assert.Equal("Degraded", await app.BodyOfAsync("/health"));
        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/alive"));
    }

    [Fact]
    public async Task A_producer_and_a_consumer_on_one_connection_share_one_health_check()
    {
        var infra = await TestInfrastructure.GetAsync();
        await using var app = await StartWithProducerAndConsumerAsync(infra.KafkaBootstrapServers);

        var registrations = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Single(registrations, registration => registration.Name.Contains("kafka", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_connection_string_fails_at_start_up_naming_the_key_to_set()
    {
        var builder = TestApp.CreateBuilder();

        var producer = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaProducer<string, string>("kafka"));
        var consumer = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaConsumer<string, string>("kafka"));

        Assert.Contains("ConnectionStrings:kafka", producer.Message);
        Assert.Contains("ConnectionStrings:kafka", consumer.Message);
    }

    private static Task<TestApp> StartWithProducerAndConsumerAsync(string bootstrapServers)
    {
        var builder = TestApp.CreateBuilder(("ConnectionStrings:kafka", bootstrapServers));
        builder.AddServiceDefaults();
        builder.AddKafkaProducer<string, string>("kafka");
        builder.AddKafkaConsumer<string, string>("kafka", settings => settings.Config.GroupId = $"sd-{Guid.NewGuid():N}");
        return TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());
    }

    private static ConsumeResult<string, string> ConsumeOne(IConsumer<string, string> consumer, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
            {
                return result;
            }
        }

        throw new TimeoutException($"No message within {timeout.TotalSeconds} s.");
    }
}
