using Accommodation.Messaging;
using Accommodation.Testing;
using Messaging.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests;

public sealed class InboxTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Three_concurrent_deliveries_of_one_event_apply_its_effect_once()
    {
        var database = await TestDatabase.CreateAsync();
        var eventId = Guid.CreateVersion7();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<bool> DeliverAsync()
        {
            await go.Task;
            await using var dbContext = database.CreateDbContext();
            return await dbContext.ExecuteOnceAsync(eventId, "effects", async _ =>
            {
                dbContext.Effects.Add(new Effect(eventId, "applied"));
                // Keep this transaction open until both duplicates are blocked on its inbox key: truly concurrent.
                await Poll.UntilAsync(async () => await CountSessionsWaitingOnLocksAsync(database) == 2,
                    Deadline, "the two duplicates wait on the inbox key");
            }, CancellationToken.None);
        }

        var deliveries = Enumerable.Range(0, 3).Select(_ => Task.Run(DeliverAsync)).ToList();
        go.SetResult();
        var applied = await Task.WhenAll(deliveries);

        Assert.Single(applied, true);
        await using var check = database.CreateDbContext();
        Assert.Equal(1, await check.Effects.CountAsync(e => e.EventId == eventId));
        Assert.Equal(1, await check.InboxMessages.CountAsync(m => m.EventId == eventId));
    }

    [Fact]
    public async Task One_event_delivered_to_three_consumers_at_once_has_one_effect()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        var @event = new RoomTestedIntegrationEvent("501");
        await KafkaTopics.ProduceEventAsync(topic, "501", @event);

        // Three consumer groups get the same message at the same time, like a redelivery racing the original.
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(replica => MessagingHost.StartAsync(database, builder =>
            builder.AddKafkaEventConsumer("kafka", $"inbox-{replica}-{Guid.NewGuid():N}", subscriptions => subscriptions
                .On<RoomTestedIntegrationEvent, InboxEffectHandler>(topic)))));
        try
        {
            await Poll.UntilAsync(() => hosts.All(host => host.Handled.Contains(@event.Id)), Deadline,
                "each of the three consumers handled the event");

            Assert.Single(hosts, host => host.Handled.All.Single().EffectApplied);
            await using var check = database.CreateDbContext();
            Assert.Equal(1, await check.Effects.CountAsync(e => e.EventId == @event.Id));
        }
        finally
        {
            await Task.WhenAll(hosts.Select(host => host.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task A_failed_effect_records_nothing_so_the_next_delivery_applies_it()
    {
        var database = await TestDatabase.CreateAsync();
        var eventId = Guid.CreateVersion7();

        await using (var first = database.CreateDbContext())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => first.ExecuteOnceAsync(eventId, "effects", _ =>
            {
                first.Effects.Add(new Effect(eventId, "half done"));
                throw new InvalidOperationException("The effect failed.");
            }, CancellationToken.None));
        }

        await using var second = database.CreateDbContext();
        var applied = await second.ExecuteOnceAsync(eventId, "effects", _ =>
        {
            second.Effects.Add(new Effect(eventId, "done"));
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.True(applied);
        Assert.Equal(["done"], await second.Effects.Where(e => e.EventId == eventId).Select(e => e.Description).ToListAsync());
    }

    [Fact]
    public async Task Each_consumer_applies_the_same_event_once()
    {
        var database = await TestDatabase.CreateAsync();
        var eventId = Guid.CreateVersion7();
        await using var dbContext = database.CreateDbContext();

        async Task<bool> ApplyAsync(string consumer) => await dbContext.ExecuteOnceAsync(eventId, consumer, _ =>
        {
            dbContext.Effects.Add(new Effect(eventId, consumer));
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.True(await ApplyAsync("notification"));
        Assert.True(await ApplyAsync("audit"));
        Assert.False(await ApplyAsync("notification"));
        Assert.Equal(2, await dbContext.Effects.CountAsync(e => e.EventId == eventId));
    }

    private static async Task<int> CountSessionsWaitingOnLocksAsync(TestDatabase database)
    {
        await using var dbContext = database.CreateDbContext();
        return await dbContext.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
            """).SingleAsync();
    }
}
