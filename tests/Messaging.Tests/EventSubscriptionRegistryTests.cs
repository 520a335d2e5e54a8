using Accommodation.Messaging;
using Messaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Tests;

public sealed class EventSubscriptionRegistryTests
{
    [Fact]
    public void Finds_a_subscription_by_topic_and_wire_name()
    {
        var subscriptions = new EventSubscriptions(new ServiceCollection(), new EventSubscriptionRegistry())
            .On<RoomTestedIntegrationEvent, RecordingHandler>("room-events");

        var found = subscriptions.Registry.Find("room-events", "RoomTestedIntegrationEvent");

        Assert.NotNull(found);
        Assert.Equal(typeof(RoomTestedIntegrationEvent), found.EventType);
        Assert.Equal([typeof(RecordingHandler)], found.HandlerTypes);
    }

    [Theory]
    [InlineData("room-events", "RoomIgnoredIntegrationEvent")]
    [InlineData("room-events", null)]
    [InlineData("other-events", "RoomTestedIntegrationEvent")]
    public void Finds_nothing_for_unknown_types_or_topics(string topic, string? eventType)
    {
        var registry = new EventSubscriptionRegistry();
        registry.Add("room-events", typeof(RoomTestedIntegrationEvent));

        Assert.Null(registry.Find(topic, eventType));
    }

    [Fact]
    public void Lists_each_topic_once()
    {
        var registry = new EventSubscriptionRegistry();
        registry.Add("room-events", typeof(RoomTestedIntegrationEvent));
        registry.Add("room-events", typeof(RoomIgnoredIntegrationEvent));
        registry.Add("payment-events", typeof(RoomTestedIntegrationEvent));

        Assert.Equal(["payment-events", "room-events"], registry.Topics.Order());
    }

    [Fact]
    public void Keeps_every_handler_of_one_event_once()
    {
        var subscriptions = new EventSubscriptions(new ServiceCollection(), new EventSubscriptionRegistry())
            .On<RoomTestedIntegrationEvent, RecordingHandler>("room-events")
            .On<RoomTestedIntegrationEvent, InboxEffectHandler>("room-events")
            .On<RoomTestedIntegrationEvent, RecordingHandler>("room-events");

        var found = subscriptions.Registry.Find("room-events", "RoomTestedIntegrationEvent");

        Assert.Equal([typeof(RecordingHandler), typeof(InboxEffectHandler)], found!.HandlerTypes);
    }

    [Fact]
    public void Registers_handlers_as_scoped_services()
    {
        var services = new ServiceCollection();

        new EventSubscriptions(services, new EventSubscriptionRegistry())
            .On<RoomTestedIntegrationEvent, RecordingHandler>("room-events");

        Assert.Contains(services, s => s.ServiceType == typeof(RecordingHandler) && s.Lifetime == ServiceLifetime.Scoped);
    }

    [Fact]
    public void Rejects_two_types_with_one_wire_name_on_one_topic()
    {
        var registry = new EventSubscriptionRegistry();
        registry.Add("room-events", typeof(RoomTestedIntegrationEvent));

        Assert.Throws<InvalidOperationException>(() => registry.Add("room-events", typeof(Support.OtherNamespace.RoomTestedIntegrationEvent)));
    }
}
