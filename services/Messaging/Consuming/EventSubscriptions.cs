using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Accommodation.Messaging;

/// <summary>Declares what a consumer group handles: <c>subscriptions.On&lt;TEvent, THandler&gt;("room-events")</c>.</summary>
public sealed class EventSubscriptions
{
    private readonly IServiceCollection _services;

    internal EventSubscriptions(IServiceCollection services, EventSubscriptionRegistry registry)
    {
        _services = services;
        Registry = registry;
    }

    internal EventSubscriptionRegistry Registry { get; }

    /// <summary>Handles <typeparamref name="TEvent"/> from <paramref name="topic"/> with a scoped <typeparamref name="THandler"/>.</summary>
    public EventSubscriptions On<TEvent, THandler>(string topic)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        _services.TryAddScoped<THandler>();
        Registry.Add(topic, typeof(TEvent)).AddHandler(typeof(THandler), (services, @event, cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)@event, cancellationToken));
        return this;
    }
}
