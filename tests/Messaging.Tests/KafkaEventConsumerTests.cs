using System.Text;
using Accommodation.Messaging;
using Accommodation.Testing;
using Messaging.Tests.Support;

namespace Messaging.Tests;

public sealed class KafkaEventConsumerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_poison_message_goes_to_the_dead_letter_topic_and_later_messages_still_flow()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 1);
        var group = $"poison-{Guid.NewGuid():N}";
        await KafkaTopics.ProduceAsync(topic, "701", Encoding.UTF8.GetBytes("{not json"),
            (MessageHeaders.EventType, nameof(RoomTestedIntegrationEvent)), (MessageHeaders.EventId, "poison"));
        var later = new RoomTestedIntegrationEvent("702");
        await KafkaTopics.ProduceEventAsync(topic, "702", later);

        await using (var host = await StartConsumerAsync(database, topic, group))
        {
            await Poll.UntilAsync(() => host.Handled.Contains(later.Id), Deadline, "the later event is handled");
            Assert.Equal(0, host.Handled.AttemptsOf(Guid.Empty));
        }

        var deadLetter = Assert.Single(await KafkaTopics.ReadAllAsync(MessageHeaders.DeadLetterTopic(topic), partitions: 1));
        Assert.Equal("701", deadLetter.Message.Key);
        Assert.Equal("{not json", Encoding.UTF8.GetString(deadLetter.Message.Value));
        Assert.Equal(nameof(RoomTestedIntegrationEvent), deadLetter.Header(MessageHeaders.EventType));
        Assert.Equal("poison", deadLetter.Header(MessageHeaders.EventId));
        Assert.Equal(topic, deadLetter.Header(MessageHeaders.DeadLetterOriginalTopic));
        Assert.Equal("0", deadLetter.Header(MessageHeaders.DeadLetterOriginalPartition));
        Assert.Equal("0", deadLetter.Header(MessageHeaders.DeadLetterOriginalOffset));
        Assert.Equal(group, deadLetter.Header(MessageHeaders.DeadLetterConsumerGroup));
        Assert.Equal(typeof(System.Text.Json.JsonException).FullName, deadLetter.Header(MessageHeaders.DeadLetterExceptionType));
        Assert.NotEmpty(deadLetter.Header(MessageHeaders.DeadLetterExceptionMessage));
    }

    [Fact]
    public async Task A_message_whose_handler_keeps_failing_is_retried_then_dead_lettered_and_later_messages_still_flow()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 1);
        var failing = new RoomTestedIntegrationEvent("703", FailHandling: true);
        var later = new RoomTestedIntegrationEvent("704");
        await KafkaTopics.ProduceEventAsync(topic, "703", failing);
        await KafkaTopics.ProduceEventAsync(topic, "704", later);

        await using (var host = await StartConsumerAsync(database, topic))
        {
            await Poll.UntilAsync(() => host.Handled.Contains(later.Id), Deadline, "the later event is handled");
            Assert.Equal(3, host.Handled.AttemptsOf(failing.Id));
        }

        var deadLetter = Assert.Single(await KafkaTopics.ReadAllAsync(MessageHeaders.DeadLetterTopic(topic), partitions: 1));
        Assert.Equal(failing.Id.ToString(), deadLetter.Header(MessageHeaders.EventId));
        Assert.Equal(typeof(InvalidOperationException).FullName, deadLetter.Header(MessageHeaders.DeadLetterExceptionType));
        Assert.Contains("703", deadLetter.Header(MessageHeaders.DeadLetterExceptionMessage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_nobody_subscribed_to_are_skipped()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 1);
        await KafkaTopics.ProduceEventAsync(topic, "705", new RoomIgnoredIntegrationEvent("705"));
        await KafkaTopics.ProduceAsync(topic, "706", Encoding.UTF8.GetBytes("{}"));
        var later = new RoomTestedIntegrationEvent("707");
        await KafkaTopics.ProduceEventAsync(topic, "707", later);

        await using (var host = await StartConsumerAsync(database, topic))
        {
            await Poll.UntilAsync(() => host.Handled.Contains(later.Id), Deadline, "the later event is handled");
            Assert.Single(host.Handled.All);
        }

        Assert.Empty(await KafkaTopics.ReadAllAsync(MessageHeaders.DeadLetterTopic(topic), partitions: 1));
    }

    [Fact]
    public async Task A_restarted_consumer_resumes_after_the_last_handled_message()
    {
        var database = await TestDatabase.CreateAsync();
        var topic = await KafkaTopics.CreateAsync(partitions: 2);
        var group = $"resume-{Guid.NewGuid():N}";
        var before = new RoomTestedIntegrationEvent("708");
        await KafkaTopics.ProduceEventAsync(topic, "708", before);

        await using (var host = await StartConsumerAsync(database, topic, group))
        {
            await Poll.UntilAsync(() => host.Handled.Contains(before.Id), Deadline, "the first event is handled");
        }

        // Published while the consumer was down: the restarted consumer replays it, and only it.
        var whileDown = new RoomTestedIntegrationEvent("709");
        await KafkaTopics.ProduceEventAsync(topic, "709", whileDown);
        await using (var host = await StartConsumerAsync(database, topic, group))
        {
            await Poll.UntilAsync(() => host.Handled.Contains(whileDown.Id), Deadline, "the missed event is handled");
            Assert.False(host.Handled.Contains(before.Id));
        }
    }

    private static Task<RunningHost> StartConsumerAsync(TestDatabase database, string topic, string? group = null) =>
        MessagingHost.StartAsync(database, builder => builder.AddKafkaEventConsumer(
            "kafka", group ?? $"consumer-{Guid.NewGuid():N}", subscriptions => subscriptions
                .On<RoomTestedIntegrationEvent, RecordingHandler>(topic)));
}
