using Accommodation.Messaging;
using Accommodation.Testing;
using Messaging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Tests;

/// <summary>
/// Where each crash point sits, seen from outside the process at the moment it would die: a callback stands in for
/// the kill, looks at the database and the topic from other connections, then throws so the flow stops there.
/// </summary>
public sealed class CrashPointPlacementTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Before_commit_the_save_has_run_but_nothing_is_committed(bool withStateChange, bool inCallersTransaction)
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        using var folder = new CrashPointFolder();
        folder.Arm(CrashPoints.BeforeCommit);
        var @event = new RoomTestedIntegrationEvent("901");
        (int Visible, bool Locked)? atCrash = null;
        var trigger = folder.Trigger(() =>
        {
            atCrash = (CountOutboxRowsAsync(database, @event.Id).GetAwaiter().GetResult(), IsOutboxWriteLockedAsync(database).GetAwaiter().GetResult());
            throw new SimulatedCrashException(CrashPoints.BeforeCommit);
        });
        await using var host = await StartRelayAsync(database, trigger);

        var crash = await Assert.ThrowsAnyAsync<Exception>(() => host.InScopeAsync(async dbContext =>
        {
            if (withStateChange)
            {
                dbContext.Effects.Add(new Effect(@event.Id, "room 901 registered"));
            }

            dbContext.AddOutboxMessage(topic, "901", @event);
            if (!inCallersTransaction)
            {
                return await dbContext.SaveChangesAsync();
            }

            return await dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await dbContext.Database.BeginTransactionAsync();
                var saved = await dbContext.SaveChangesAsync();
                await transaction.CommitAsync();
                return saved;
            });
        }));

        // EF wraps what a command interceptor throws.
        Assert.IsType<SimulatedCrashException>(crash.GetBaseException());
        // Nobody else could see the row; in a transaction its INSERT had run (one statement alone autocommits, so it had not).
        Assert.Equal((0, withStateChange || inCallersTransaction), atCrash);
        Assert.Equal(0, await CountOutboxRowsAsync(database, @event.Id));
        Assert.Equal([$"{CrashPoints.BeforeCommit}.claimed-1"], folder.Files);
    }

    [Fact]
    public async Task After_commit_the_rows_are_committed_and_not_yet_published()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        using var folder = new CrashPointFolder();
        folder.Arm(CrashPoints.AfterCommit);
        var @event = new RoomTestedIntegrationEvent("902");
        (int Unsent, int Published)? atCrash = null;
        var trigger = folder.Trigger(() =>
        {
            atCrash = (database.CountUnsentAsync().GetAwaiter().GetResult(), KafkaTopics.ReadAllAsync(topic, 1).GetAwaiter().GetResult().Count);
            throw new SimulatedCrashException(CrashPoints.AfterCommit);
        });
        // The relay's pass as it starts must be over before the row commits, or it could publish the row first: it
        // publishes a row of another topic, and the test goes on once that is marked sent.
        await using (var dbContext = database.CreateDbContext())
        {
            dbContext.AddOutboxMessage(await KafkaTopics.CreateAsync(), "900", new RoomTestedIntegrationEvent("900"));
            await dbContext.SaveChangesAsync();
        }

        // The simulated crash leaves the relay running: its next poll must come after the look at the topic below.
        await using var host = await StartRelayAsync(database, trigger, pollInterval: "00:00:08");
        await Poll.UntilAsync(async () => await database.CountUnsentAsync() == 0, Deadline, "the relay's first pass is over");

        await Assert.ThrowsAsync<SimulatedCrashException>(() => host.InScopeAsync(dbContext =>
        {
            dbContext.Effects.Add(new Effect(@event.Id, "room 902 registered"));
            dbContext.AddOutboxMessage(topic, "902", @event);
            return dbContext.SaveChangesAsync();
        }));

        Assert.Equal((1, 0), atCrash);
        // The relay of the next process (here: the next poll) publishes what the crash left.
        await Poll.UntilAsync(async () => await database.CountUnsentAsync() == 0, Deadline, "the row is published");
        Assert.Single(await KafkaTopics.ReadAllAsync(topic, 1));
    }

    [Fact]
    public async Task After_publish_the_batch_is_on_Kafka_and_unmarked_so_it_is_published_again()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        var events = Enumerable.Range(0, 3).Select(i => new RoomTestedIntegrationEvent($"90{i + 3}")).ToList();
        await using (var dbContext = database.CreateDbContext())
        {
            events.ForEach(@event => dbContext.AddOutboxMessage(topic, @event.RoomNumber, @event));
            await dbContext.SaveChangesAsync();
        }

        using var folder = new CrashPointFolder();
        folder.Arm(CrashPoints.AfterPublish);
        (int Unsent, int Published)? atCrash = null;
        var trigger = folder.Trigger(() =>
        {
            atCrash = (database.CountUnsentAsync().GetAwaiter().GetResult(), KafkaTopics.ReadAllAsync(topic, 1).GetAwaiter().GetResult().Count);
            throw new SimulatedCrashException(CrashPoints.AfterPublish);
        });
        await using (await StartRelayAsync(database, trigger))
        {
            await Poll.UntilAsync(async () => await database.CountUnsentAsync() == 0, Deadline, "every row is marked sent");
        }

        Assert.Equal((3, 3), atCrash);
        // Published twice: consumers' inboxes absorb the duplicate.
        var published = await KafkaTopics.ReadAllAsync(topic, 1);
        Assert.Equal(events.SelectMany(e => new[] { e.Id, e.Id }).Select(id => id.ToString()).Order(),
            published.Select(m => m.Header(MessageHeaders.EventId)).Order());
    }

    [Fact]
    public async Task After_handle_the_effect_is_committed_and_the_offset_not_stored_so_the_message_comes_again()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        var group = $"after-handle-{Guid.NewGuid():N}";
        var @event = new RoomTestedIntegrationEvent("906");
        await KafkaTopics.ProduceEventAsync(topic, "906", @event);
        using var folder = new CrashPointFolder();
        folder.Arm(CrashPoints.AfterHandle);
        int? effectsAtCrash = null;
        var trigger = folder.Trigger(() =>
        {
            effectsAtCrash = CountEffectsAsync(database, @event.Id).GetAwaiter().GetResult();
            throw new SimulatedCrashException(CrashPoints.AfterHandle);
        });

        // The consume loop dies with the exception, as the process would, without storing the offset.
        await using (var host = await StartConsumerAsync(database, topic, group, trigger))
        {
            await Poll.UntilAsync(() => effectsAtCrash is not null, Deadline, "the crash point is reached");
        }

        await using (var host = await StartConsumerAsync(database, topic, group))
        {
            await Poll.UntilAsync(() => host.Handled.Contains(@event.Id), Deadline, "the message is delivered again");
            Assert.False(host.Handled.All.Single().EffectApplied);
        }

        Assert.Equal(1, effectsAtCrash);
        Assert.Equal(1, await CountEffectsAsync(database, @event.Id));
    }

    private static Task<RunningHost> StartRelayAsync(TestDatabase database, CrashPointTrigger trigger, string pollInterval = "00:00:00.500") =>
        MessagingHost.StartAsync(database, builder =>
        {
            builder.Services.AddSingleton(trigger);
            builder.AddKafkaOutboxRelay<TestDbContext>("kafka");
        }, new Dictionary<string, string?> { ["Messaging:OutboxRelay:PollInterval"] = pollInterval });

    private static Task<RunningHost> StartConsumerAsync(TestDatabase database, string topic, string group, CrashPointTrigger? trigger = null) =>
        MessagingHost.StartAsync(database, builder =>
        {
            if (trigger is not null)
            {
                builder.Services.AddSingleton(trigger);
            }

            builder.AddKafkaEventConsumer("kafka", group, subscriptions => subscriptions
                .On<RoomTestedIntegrationEvent, InboxEffectHandler>(topic));
        });

    private static async Task<int> CountOutboxRowsAsync(TestDatabase database, Guid eventId)
    {
        await using var dbContext = database.CreateDbContext();
        return await dbContext.OutboxMessages.CountAsync(m => m.Id == eventId);
    }

    private static async Task<int> CountEffectsAsync(TestDatabase database, Guid eventId)
    {
        await using var dbContext = database.CreateDbContext();
        return await dbContext.Effects.CountAsync(e => e.EventId == eventId);
    }

    // An INSERT holds RowExclusiveLock on its table until its transaction ends.
    private static async Task<bool> IsOutboxWriteLockedAsync(TestDatabase database)
    {
        await using var dbContext = database.CreateDbContext();
        return await dbContext.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                           WHERE c.relname = 'outbox_messages' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()) AS "Value"
            """).SingleAsync();
    }
}
