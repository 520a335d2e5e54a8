using System.Text;
using System.Text.Json;
using Accommodation.Messaging;
using Confluent.Kafka;

namespace Messaging.Tests;

public sealed class DeadLetterMessageTests
{
    [Fact]
    public void Keeps_the_original_key_value_and_headers_and_adds_the_origin()
    {
        var original = new ConsumeResult<string, byte[]>
        {
            Topic = "room-events",
            Partition = new Partition(2),
            Offset = new Offset(41),
            Message = new Message<string, byte[]>
            {
                Key = "301",
                Value = Encoding.UTF8.GetBytes("not json"),
                Headers = new Headers { { MessageHeaders.EventType, Encoding.UTF8.GetBytes("RoomTestedIntegrationEvent") } },
            },
        };

        var deadLetter = DeadLetterPublisher.ToDeadLetter(original, "roomview", new JsonException("bad payload"));

        Assert.Equal("301", deadLetter.Key);
        Assert.Equal(original.Message.Value, deadLetter.Value);
        Assert.Equal("RoomTestedIntegrationEvent", Header(deadLetter, MessageHeaders.EventType));
        Assert.Equal("room-events", Header(deadLetter, MessageHeaders.DeadLetterOriginalTopic));
        Assert.Equal("2", Header(deadLetter, MessageHeaders.DeadLetterOriginalPartition));
        Assert.Equal("41", Header(deadLetter, MessageHeaders.DeadLetterOriginalOffset));
        Assert.Equal("roomview", Header(deadLetter, MessageHeaders.DeadLetterConsumerGroup));
        Assert.Equal(typeof(JsonException).FullName, Header(deadLetter, MessageHeaders.DeadLetterExceptionType));
        Assert.Equal("bad payload", Header(deadLetter, MessageHeaders.DeadLetterExceptionMessage));
    }

    [Fact]
    public void Shortens_a_very_long_exception_message()
    {
        var original = new ConsumeResult<string, byte[]>
        {
            Topic = "room-events",
            Partition = new Partition(0),
            Offset = new Offset(0),
            Message = new Message<string, byte[]> { Key = "302", Value = [] },
        };

        var deadLetter = DeadLetterPublisher.ToDeadLetter(original, "roomview", new InvalidOperationException(new string('x', 5000)));

        Assert.Equal(1000, Header(deadLetter, MessageHeaders.DeadLetterExceptionMessage).Length);
    }

    [Fact]
    public void Dead_letter_topic_is_the_topic_with_dlt_suffix() =>
        Assert.Equal("room-events.dlt", MessageHeaders.DeadLetterTopic("room-events"));

    private static string Header(Message<string, byte[]> message, string name) =>
        Encoding.UTF8.GetString(message.Headers.GetLastBytes(name));
}
