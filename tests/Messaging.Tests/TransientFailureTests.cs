using System.Net;
using Accommodation.Messaging;
using Accommodation.Testing;
using Confluent.Kafka;
using Messaging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace Messaging.Tests;

public sealed class TransientFailureTests(ITestOutputHelper output)
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_transient_failure_is_retried_past_max_attempts_never_dead_lettered_and_its_partition_keeps_its_order()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 1);
        var failing = new RoomTestedIntegrationEvent("711", TransientFailures: 6);
        var later = new RoomTestedIntegrationEvent("712");
        await KafkaTopics.ProduceEventAsync(topic, "711", failing);
        await KafkaTopics.ProduceEventAsync(topic, "712", later);
        var logs = new CapturedLogs();

        await using (var host = await StartConsumerAsync(database, topic, logs: logs))
        {
            await Poll.UntilAsync(() => host.Handled.Contains(later.Id), Deadline, "the later event is handled");

            Assert.Equal(7, host.Handled.AttemptsOf(failing.Id));
            Assert.Equal([failing.Id, later.Id], host.Handled.All.Select(h => h.Event.Id));
            // Nothing after the failed message is even tried before it succeeds.
            Assert.Equal([.. Enumerable.Repeat(failing.Id, 7), later.Id], host.Handled.AttemptOrder);
        }

        Assert.Empty(await KafkaTopics.ReadAllAsync(MessageHeaders.DeadLetterTopic(topic), partitions: 1));
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("failed transiently", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"({n} times so far)"),
            warnings.Select(w => w.Message[w.Message.IndexOf('(', StringComparison.Ordinal)..(w.Message.IndexOf(')', StringComparison.Ordinal) + 1)]));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task While_one_partition_waits_out_a_transient_failure_the_others_keep_flowing()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 2);
        var stuck = new RoomTestedIntegrationEvent("721", TransientFailures: int.MaxValue);
        await KafkaTopics.ProduceEventAsync(new TopicPartition(topic, 0), "721", stuck);
        var flowing = Enumerable.Range(0, 5).Select(i => new RoomTestedIntegrationEvent($"72{i + 2}")).ToList();
        foreach (var @event in flowing)
        {
            await KafkaTopics.ProduceEventAsync(new TopicPartition(topic, 1), @event.RoomNumber, @event);
        }

        await using (var host = await StartConsumerAsync(database, topic))
        {
            await Poll.UntilAsync(() => flowing.All(e => host.Handled.Contains(e.Id)), Deadline, "the other partition's events are handled");
            await Poll.UntilAsync(() => host.Handled.AttemptsOf(stuck.Id) > MaxAttempts + 1, Deadline,
                "the stuck event is still being retried past MaxAttempts");
            Assert.False(host.Handled.Contains(stuck.Id));
        }

        Assert.Empty(await KafkaTopics.ReadAllAsync(MessageHeaders.DeadLetterTopic(topic), partitions: 2));
    }

    [Fact]
    public async Task A_consumer_stopped_while_waiting_out_a_transient_failure_leaves_the_message_to_the_next_one()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 1);
        var group = $"stopped-{Guid.NewGuid():N}";
        var stuck = new RoomTestedIntegrationEvent("731", TransientFailures: int.MaxValue);
        var later = new RoomTestedIntegrationEvent("732");
        await KafkaTopics.ProduceEventAsync(topic, "731", stuck);
        await KafkaTopics.ProduceEventAsync(topic, "732", later);

        await using (var host = await StartConsumerAsync(database, topic, group))
        {
            await Poll.UntilAsync(() => host.Handled.AttemptsOf(stuck.Id) > MaxAttempts, Deadline,
                "the stuck event is retried past MaxAttempts");
        }

        // The next consumer of the group (whose database is back) starts at the stuck message, not after it.
        await using (var host = await MessagingHost.StartAsync(database, builder => builder.AddKafkaEventConsumer(
            "kafka", group, subscriptions => subscriptions.On<RoomTestedIntegrationEvent, InboxEffectHandler>(topic))))
        {
            await Poll.UntilAsync(() => host.Handled.Contains(later.Id), Deadline, "the later event is handled");
            Assert.Equal([stuck.Id, later.Id], host.Handled.All.Select(h => h.Event.Id));
        }

        Assert.Empty(await KafkaTopics.ReadAllAsync(MessageHeaders.DeadLetterTopic(topic), partitions: 1));
    }

    [Fact]
    public async Task A_partition_taken_away_while_held_for_a_retry_flows_again_wherever_it_is_assigned()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 2);
        var group = $"revoked-{Guid.NewGuid():N}";
        // Long enough for a rebalance to happen while the partition waits.
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Consumer:RetryBackoff"] = "00:00:02",
            ["Messaging:Consumer:MaxRetryBackoff"] = "00:00:02",
        };
        var stuck = new RoomTestedIntegrationEvent("741", TransientFailures: 2);
        var first = new[] { stuck, new RoomTestedIntegrationEvent("742"), new RoomTestedIntegrationEvent("743") };
        await KafkaTopics.ProduceEventAsync(new TopicPartition(topic, 0), "741", stuck);
        await KafkaTopics.ProduceEventAsync(new TopicPartition(topic, 0), "742", first[1]);
        await KafkaTopics.ProduceEventAsync(new TopicPartition(topic, 1), "743", first[2]);

        await using var stayer = await StartConsumerAsync(database, topic, group, settings: settings);
        await Poll.UntilAsync(() => stayer.Handled.AttemptsOf(stuck.Id) >= 1, Deadline, "the stuck event failed once");
        await using (var joiner = await StartConsumerAsync(database, topic, group, settings: settings))
        {
            await Poll.UntilAsync(() => first.All(e => stayer.Handled.Contains(e.Id) || joiner.Handled.Contains(e.Id)), Deadline,
                "the first events are handled by either consumer");
        }

        // The joiner left: every partition is the stayer's again, and none of them may still be paused.
        var second = new[] { new RoomTestedIntegrationEvent("744"), new RoomTestedIntegrationEvent("745") };
        await KafkaTopics.ProduceEventAsync(new TopicPartition(topic, 0), "744", second[0]);
        await KafkaTopics.ProduceEventAsync(new TopicPartition(topic, 1), "745", second[1]);
        await Poll.UntilAsync(() => second.All(e => stayer.Handled.Contains(e.Id)), Deadline, "both partitions flow at the stayer");
        Assert.Empty(await KafkaTopics.ReadAllAsync(MessageHeaders.DeadLetterTopic(topic), partitions: 2));
    }

    [Fact]
    public async Task Through_a_database_outage_every_event_gets_its_effect_once_and_none_is_dead_lettered()
    {
        const int partitions = 4;
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions);
        var postgres = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var server = new DnsEndPoint(postgres.Host!, postgres.Port);
        postgres.Port = FreePort();
        var settings = new Dictionary<string, string?>
        {
            // The consumer reaches PostgreSQL only through the relay, and without EF's own retries: every failure is ours to handle.
            [$"ConnectionStrings:{MessagingHost.DatabaseConnectionName}"] = postgres.ConnectionString,
            ["Aspire:Npgsql:EntityFrameworkCore:PostgreSQL:DisableRetry"] = "true",
            ["Messaging:Consumer:MaxRetryBackoff"] = "00:00:00.500",
        };
        var relay = await TcpRelay.StartAsync(postgres.Port, server);
        var events = new List<RoomTestedIntegrationEvent>();

        async Task ProduceAsync(int count)
        {
            foreach (var @event in Enumerable.Range(events.Count, count).Select(i => new RoomTestedIntegrationEvent($"room-{i}")))
            {
                events.Add(@event);
                await KafkaTopics.ProduceEventAsync(topic, @event.RoomNumber, @event);
            }
        }

        try
        {
            await using var host = await MessagingHost.StartAsync(database, builder => builder.AddKafkaEventConsumer(
                "kafka", $"outage-{Guid.NewGuid():N}", subscriptions => subscriptions
                    .On<RoomTestedIntegrationEvent, InboxEffectHandler>(topic)), settings);
            await ProduceAsync(8);
            await Poll.UntilAsync(() => events.All(e => host.Handled.Contains(e.Id)), Deadline, "the first events are handled");

            // PostgreSQL goes away: open connections drop, new ones are refused.
            await relay.DisposeAsync();
            await ProduceAsync(8);
            await Poll.UntilAsync(() => events.Any(e => host.Handled.AttemptsOf(e.Id) > MaxAttempts + 1), Deadline,
                "an event failed more often than MaxAttempts allows");

            relay = await TcpRelay.StartAsync(postgres.Port, server);
            await ProduceAsync(8);
            await Poll.UntilAsync(() => events.All(e => host.Handled.Contains(e.Id)), Deadline, "every event is handled");

            foreach (var failure in host.Handled.Failures.Select(Describe).Distinct())
            {
                output.WriteLine(failure);
            }
        }
        finally
        {
            await relay.DisposeAsync();
        }

        await using var check = database.CreateDbContext();
        var effects = await check.Effects.GroupBy(e => e.EventId).Select(g => new { EventId = g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(events.Select(e => e.Id).Order(), effects.Select(e => e.EventId).Order());
        Assert.All(effects, effect => Assert.Equal(1, effect.Count));
        Assert.Empty(await KafkaTopics.ReadAllAsync(MessageHeaders.DeadLetterTopic(topic), partitions));
    }

    private static Task<RunningHost> StartConsumerAsync(TestDatabase database, string topic, string? group = null,
        CapturedLogs? logs = null, IDictionary<string, string?>? settings = null) =>
        MessagingHost.StartAsync(database, builder =>
        {
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }

            builder.AddKafkaEventConsumer("kafka", group ?? $"transient-{Guid.NewGuid():N}", subscriptions => subscriptions
                .On<RoomTestedIntegrationEvent, RecordingHandler>(topic));
        }, settings);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // e.g. "InvalidOperationException > NpgsqlException > SocketException: Connection refused"
    private static string Describe(Exception exception)
    {
        var chain = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            chain.Add(current.GetType().Name);
        }

        return $"{string.Join(" > ", chain)}: {exception.GetBaseException().Message}";
    }
}
