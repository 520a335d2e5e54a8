using Accommodation.Messaging;
using Accommodation.Testing;
using Messaging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Tests;

public sealed class OutboxRelayTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Rows_committed_by_a_process_that_died_before_publishing_are_published_once_in_key_order()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 4);
        var enqueued = await EnqueueWithoutRelayAsync(database, topic, count: 20);

        await using (await StartRelayAsync(database))
        {
            await Poll.UntilAsync(async () => await database.CountUnsentAsync() == 0, Deadline, "every row is sent");
        }

        var published = await KafkaTopics.ReadAllAsync(topic, partitions: 4);
        AssertEachPublishedOnce(enqueued, published);
        foreach (var key in enqueued.Select(e => e.RoomNumber).Distinct())
        {
            Assert.Equal(
                enqueued.Where(e => e.RoomNumber == key).Select(e => e.Id.ToString()),
                published.Where(m => m.Message.Key == key).OrderBy(m => m.Offset.Value).Select(m => m.Header(MessageHeaders.EventId)));
        }
    }

    [Fact]
    public async Task A_relay_stopped_mid_stream_leaves_the_rest_to_the_next_relay_without_duplicates()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 4);
        var enqueued = await EnqueueWithoutRelayAsync(database, topic, count: 12);
        var gate = new OutboxReadGate();
        var settings = new Dictionary<string, string?> { ["Messaging:OutboxRelay:BatchSize"] = "4" };

        await using (await MessagingHost.StartAsync(database, builder =>
        {
            builder.AddKafkaOutboxRelay<TestDbContext>("kafka");
            builder.Services.ConfigureDbContext<TestDbContext>((_, options) => options.AddInterceptors(gate));
        }, settings))
        {
            await gate.SecondReadReached.Task.WaitAsync(Deadline);
            Assert.Equal(8, await database.CountUnsentAsync());
        }

        Assert.Equal(8, await database.CountUnsentAsync());
        await using (await StartRelayAsync(database, settings))
        {
            await Poll.UntilAsync(async () => await database.CountUnsentAsync() == 0, Deadline, "every row is sent");
        }

        AssertEachPublishedOnce(enqueued, await KafkaTopics.ReadAllAsync(topic, partitions: 4));
    }

    [Fact]
    public async Task Wakes_up_right_after_a_commit_without_waiting_for_the_poll_interval()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        // Only a wake-up can deliver within the deadline: the next poll is 60 s away.
        var settings = new Dictionary<string, string?> { ["Messaging:OutboxRelay:PollInterval"] = "00:01:00" };
        var withinWakeUp = TimeSpan.FromSeconds(10);

        await using var host = await StartRelayAsync(database, settings);

        foreach (var roomNumber in new[] { "601", "602" })
        {
            var @event = new RoomTestedIntegrationEvent(roomNumber);
            await host.InScopeAsync(dbContext =>
            {
                dbContext.Effects.Add(new Effect(@event.Id, $"room {roomNumber} registered"));
                dbContext.AddOutboxMessage(topic, roomNumber, @event);
                return dbContext.SaveChangesAsync();
            });
            await Poll.UntilAsync(() => IsSentAsync(database, @event.Id), withinWakeUp, $"event of room {roomNumber} is sent");
        }

        // Inside the caller's transaction the wake-up comes with the commit.
        var inTransaction = new RoomTestedIntegrationEvent("603");
        await host.InScopeAsync(dbContext => dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await dbContext.Database.BeginTransactionAsync();
            dbContext.Effects.Add(new Effect(inTransaction.Id, "room 603 registered"));
            dbContext.AddOutboxMessage(topic, "603", inTransaction);
            await dbContext.SaveChangesAsync();
            await transaction.CommitAsync();
            return true;
        }));
        await Poll.UntilAsync(() => IsSentAsync(database, inTransaction.Id), withinWakeUp, "event of room 603 is sent");
    }

    [Fact]
    public async Task Sent_rows_are_removed_after_the_retention_period()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        await EnqueueWithoutRelayAsync(database, topic, count: 3);
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:OutboxRelay:SentRetention"] = "00:00:00",
            ["Messaging:OutboxRelay:CleanupInterval"] = "00:00:00",
        };

        await using (await StartRelayAsync(database, settings))
        {
            await Poll.UntilAsync(async () =>
            {
                await using var dbContext = database.CreateDbContext();
                return !await dbContext.OutboxMessages.AnyAsync();
            }, Deadline, "sent rows are removed");
        }

        Assert.Equal(3, (await KafkaTopics.ReadAllAsync(topic, partitions: 1)).Count);
    }

    private static Task<RunningHost> StartRelayAsync(TestDatabase database, IDictionary<string, string?>? settings = null) =>
        MessagingHost.StartAsync(database, builder => builder.AddKafkaOutboxRelay<TestDbContext>("kafka"), settings);

    /// <summary>State change and event committed together by a process with no relay (it died right after the commit).</summary>
    private static async Task<List<RoomTestedIntegrationEvent>> EnqueueWithoutRelayAsync(TestDatabase database, string topic, int count)
    {
        var events = Enumerable.Range(0, count).Select(i => new RoomTestedIntegrationEvent($"room-{i % 5}")).ToList();
        await using var dbContext = database.CreateDbContext();
        foreach (var @event in events)
        {
            dbContext.Effects.Add(new Effect(@event.Id, $"{@event.RoomNumber} changed"));
            dbContext.AddOutboxMessage(topic, @event.RoomNumber, @event);
        }

        await dbContext.SaveChangesAsync();
        return events;
    }

    private static void AssertEachPublishedOnce(
        IEnumerable<RoomTestedIntegrationEvent> enqueued, IEnumerable<Confluent.Kafka.ConsumeResult<string, byte[]>> published) =>
        Assert.Equal(
            enqueued.Select(e => e.Id.ToString()).Order(),
            published.Select(m => m.Header(MessageHeaders.EventId)).Order());

    private static async Task<bool> IsSentAsync(TestDatabase database, Guid eventId)
    {
        await using var dbContext = database.CreateDbContext();
        return await dbContext.OutboxMessages.AnyAsync(m => m.Id == eventId && m.SentAt != null);
    }
}
