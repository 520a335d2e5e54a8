using Accommodation.Messaging;
using Accommodation.Testing;
using Messaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Tests;

/// <summary>The two backlogs the dashboard shows per service: consumer lag and unsent outbox messages.</summary>
public sealed class BacklogMetricsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Consumer_lag_grows_while_the_consumer_is_held_at_a_message_and_drops_to_zero_once_it_catches_up()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 1);
        var group = $"lag-{Guid.NewGuid():N}";
        var gate = new HandlingGate();
        await using var host = await MessagingHost.StartAsync(database, builder =>
        {
            builder.Services.AddSingleton(gate);
            builder.AddKafkaEventConsumer("kafka", group, subscriptions => subscriptions
                .On<RoomTestedIntegrationEvent, GatedHandler>(topic));
        });
        using var lag = new GaugeReader<long>(host.Services, "Confluent.Kafka", "messaging.kafka.consumer.lag");
        long? LagOfTopic() =>
            lag.Read(("messaging.consumer.group.name", group), ("messaging.destination.name", topic)) is [var value] ? value : null;

        var first = new RoomTestedIntegrationEvent("901");
        await KafkaTopics.ProduceEventAsync(topic, "901", first);
        await Poll.UntilAsync(() => host.Handled.Contains(first.Id), Deadline, "the first event is handled");
        await Poll.UntilAsync(() => LagOfTopic() == 0, Deadline, "the lag of a consumer that is up to date is 0");

        gate.IsOpen = false;
        var waiting = Enumerable.Range(902, 3).Select(room => new RoomTestedIntegrationEvent($"{room}")).ToList();
        foreach (var @event in waiting)
        {
            await KafkaTopics.ProduceEventAsync(topic, @event.RoomNumber, @event);
        }

        await Poll.UntilAsync(() => LagOfTopic() == 3, Deadline, "the three events behind the held one are the lag");
        Assert.DoesNotContain(waiting, @event => host.Handled.Contains(@event.Id));

        gate.IsOpen = true;
        await Poll.UntilAsync(() => waiting.All(@event => host.Handled.Contains(@event.Id)), Deadline, "the held events are handled");
        await Poll.UntilAsync(() => LagOfTopic() == 0, Deadline, "the lag is 0 again once the consumer caught up");
    }

    [Fact]
    public async Task Outbox_backlog_counts_the_unsent_rows_and_returns_to_zero_after_the_relay_publishes_them()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        await using (var dbContext = database.CreateDbContext())
        {
            foreach (var room in Enumerable.Range(911, 5))
            {
                var @event = new RoomTestedIntegrationEvent($"{room}");
                dbContext.Effects.Add(new Effect(@event.Id, $"room {room} changed"));
                dbContext.AddOutboxMessage(topic, @event.RoomNumber, @event);
            }

            await dbContext.SaveChangesAsync();
        }

        var hold = new OutboxPublishingHold();
        await using var host = await MessagingHost.StartAsync(database, builder =>
        {
            builder.AddKafkaOutboxRelay<TestDbContext>("kafka");
            builder.Services.ConfigureDbContext<TestDbContext>((_, options) => options.AddInterceptors(hold));
        });
        using var pending = new GaugeReader<long>(host.Services, MessagingTelemetry.Name, "messaging.outbox.pending.messages");
        long? PendingOfTestDbContext() =>
            pending.Read(("messaging.outbox.db_context", nameof(TestDbContext))) is [var value] ? value : null;

        await Poll.UntilAsync(() => PendingOfTestDbContext() == 5, Deadline, "the five unsent rows are the backlog");
        Assert.Equal(5, await database.CountUnsentAsync());

        hold.Release();
        await Poll.UntilAsync(() => PendingOfTestDbContext() == 0, Deadline, "the backlog is 0 once the relay published it");
        Assert.Equal(0, await database.CountUnsentAsync());
        Assert.Equal(5, (await KafkaTopics.ReadAllAsync(topic, partitions: 1)).Count);
    }
}
