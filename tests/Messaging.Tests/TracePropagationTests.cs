using System.Diagnostics;
using Accommodation.Messaging;
using Accommodation.Testing;
using Messaging.Tests.Support;

namespace Messaging.Tests;

public sealed class TracePropagationTests
{
    private const string TestSourceName = "Messaging.Tests";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    [Fact]
    public async Task The_trace_of_the_enqueueing_code_continues_in_the_consumer_handler()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MessagingTelemetry.Name or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync();
        var @event = new RoomTestedIntegrationEvent("801");

        await using var host = await MessagingHost.StartAsync(database, builder =>
        {
            builder.AddKafkaOutboxRelay<TestDbContext>("kafka");
            builder.AddKafkaEventConsumer("kafka", $"trace-{Guid.NewGuid():N}", subscriptions => subscriptions
                .On<RoomTestedIntegrationEvent, RecordingHandler>(topic));
        });
        ActivityTraceId enqueueTrace;
        using (var registerRoom = TestSource.StartActivity("register room"))
        {
            Assert.NotNull(registerRoom);
            enqueueTrace = registerRoom.TraceId;
            await host.InScopeAsync(dbContext =>
            {
                dbContext.AddOutboxMessage(topic, "801", @event);
                return dbContext.SaveChangesAsync();
            });
        }

        await Poll.UntilAsync(() => host.Handled.Contains(@event.Id), TimeSpan.FromSeconds(30), "the event is handled");

        var handled = host.Handled.All.Single(h => h.Event.Id == @event.Id);
        Assert.Equal(enqueueTrace, handled.TraceId);
        var published = Assert.Single(await KafkaTopics.ReadAllAsync(topic, partitions: 1));
        Assert.Contains(enqueueTrace.ToHexString(), published.Header(MessageHeaders.TraceParent), StringComparison.Ordinal);
    }
}
