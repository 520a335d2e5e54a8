using Accommodation.Messaging;
using Accommodation.Reservations.Infrastructure.Catalog;
using Accommodation.Reservations.Infrastructure.IntegrationEvents.Events;
using Microsoft.Extensions.Logging;

namespace Accommodation.Reservations.Infrastructure.IntegrationEvents.EventHandling;

internal sealed class RoomRegisteredIntegrationEventHandler(
    RoomCatalog catalog, TimeProvider clock, ILogger<RoomRegisteredIntegrationEventHandler> logger)
    : IIntegrationEventHandler<RoomRegisteredIntegrationEvent>
{
    public async Task HandleAsync(RoomRegisteredIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var stored = await catalog.UpsertAsync(
            new RoomCatalogEntry(@event.Number, @event.Type, @event.Name, @event.PricePerNight, @event.Version, clock.GetUtcNow()),
            cancellationToken);
        RoomCatalogLog.Applied(logger, nameof(RoomRegisteredIntegrationEvent), @event.Number, @event.Version, stored);
    }
}

internal sealed class RoomChangedIntegrationEventHandler(
    RoomCatalog catalog, TimeProvider clock, ILogger<RoomChangedIntegrationEventHandler> logger)
    : IIntegrationEventHandler<RoomChangedIntegrationEvent>
{
    public async Task HandleAsync(RoomChangedIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var stored = await catalog.UpsertAsync(
            new RoomCatalogEntry(@event.Number, @event.Type, @event.Name, @event.PricePerNight, @event.Version, clock.GetUtcNow()),
            cancellationToken);
        RoomCatalogLog.Applied(logger, nameof(RoomChangedIntegrationEvent), @event.Number, @event.Version, stored);
    }
}

internal static partial class RoomCatalogLog
{
    [LoggerMessage(LogLevel.Information, "{EventType} for room {Number} v{Version}: stored in the catalog = {Stored} (false: an equal or newer version is there)")]
    public static partial void Applied(ILogger logger, string eventType, string number, int version, bool stored);
}
