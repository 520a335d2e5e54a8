namespace Accommodation.Messaging;

/// <summary>Which event types a consumer group handles on which topics, looked up by the event-type header.</summary>
internal sealed class EventSubscriptionRegistry
{
    private readonly Dictionary<(string Topic, string EventTypeName), EventSubscription> _subscriptions = [];

    public IReadOnlyCollection<string> Topics => _subscriptions.Keys.Select(k => k.Topic).Distinct().ToList();

    public EventSubscription Add(string topic, Type eventType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var key = (topic, IntegrationEventSerializer.EventTypeName(eventType));
        if (!_subscriptions.TryGetValue(key, out var subscription))
        {
            subscription = new EventSubscription(topic, eventType);
            _subscriptions.Add(key, subscription);
        }
        else if (subscription.EventType != eventType)
        {
            throw new InvalidOperationException(
                $"{eventType.FullName} and {subscription.EventType.FullName} share the wire name '{key.Item2}' on topic '{topic}'.");
        }

        return subscription;
    }

    public EventSubscription? Find(string topic, string? eventTypeName) =>
        eventTypeName is not null && _subscriptions.TryGetValue((topic, eventTypeName), out var subscription)
            ? subscription
            : null;
}
