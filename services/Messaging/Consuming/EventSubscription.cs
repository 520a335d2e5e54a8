namespace Accommodation.Messaging;

/// <summary>The handlers of one event type arriving on one topic.</summary>
internal sealed class EventSubscription(string topic, Type eventType)
{
    private readonly List<EventHandlerRegistration> _handlers = [];

    public string Topic { get; } = topic;

    public Type EventType { get; } = eventType;

    public IEnumerable<Type> HandlerTypes => _handlers.Select(h => h.HandlerType);

    public void AddHandler(Type handlerType, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> handle)
    {
        if (_handlers.All(h => h.HandlerType != handlerType))
        {
            _handlers.Add(new EventHandlerRegistration(handlerType, handle));
        }
    }

    /// <summary>Runs every handler in registration order, each resolved from <paramref name="services"/>.</summary>
    public async Task HandleAsync(IServiceProvider services, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            await handler.Handle(services, @event, cancellationToken);
        }
    }

    private sealed record EventHandlerRegistration(
        Type HandlerType, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> Handle);
}
