namespace Accommodation.Messaging;

/// <summary>Handles one kind of integration event; resolved from a fresh DI scope for every message.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
}
