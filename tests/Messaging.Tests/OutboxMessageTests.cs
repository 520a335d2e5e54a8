using System.Diagnostics;
using System.Text.Json;
using Accommodation.Messaging;
using Messaging.Tests.Support;

namespace Messaging.Tests;

public sealed class OutboxMessageTests
{
    [Fact]
    public void Takes_id_type_and_payload_from_the_event()
    {
        var @event = new RoomTestedIntegrationEvent("201");

        var message = OutboxMessage.Create("room-events", "201", @event);

        Assert.Equal(@event.Id, message.Id);
        Assert.Equal("room-events", message.Topic);
        Assert.Equal("201", message.Key);
        Assert.Equal("RoomTestedIntegrationEvent", message.EventType);
        Assert.Equal("201", JsonDocument.Parse(message.Payload).RootElement.GetProperty("roomNumber").GetString());
        Assert.Null(message.SentAt);
    }

    [Fact]
    public void Captures_the_trace_context_of_the_enqueueing_activity()
    {
        using var activity = new Activity("register room").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "vendor=value";

        var message = OutboxMessage.Create("room-events", "202", new RoomTestedIntegrationEvent("202"));

        Assert.Equal(activity.Id, message.Headers[MessageHeaders.TraceParent]);
        Assert.Equal("vendor=value", message.Headers[MessageHeaders.TraceState]);
    }

    [Fact]
    public void Has_no_trace_headers_outside_an_activity()
    {
        Activity.Current = null;

        var message = OutboxMessage.Create("room-events", "203", new RoomTestedIntegrationEvent("203"));

        Assert.Empty(message.Headers);
    }

    [Theory]
    [InlineData("", "1")]
    [InlineData("room-events", " ")]
    public void Requires_a_topic_and_a_key(string topic, string key) =>
        Assert.ThrowsAny<ArgumentException>(() => OutboxMessage.Create(topic, key, new RoomTestedIntegrationEvent("204")));
}
