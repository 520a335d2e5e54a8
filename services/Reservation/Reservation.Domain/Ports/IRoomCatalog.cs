namespace Accommodation.Reservations.Domain.Ports;

/// <summary>This context's own copy of the rooms the room context registered: enough to price a stay.</summary>
public interface IRoomCatalog
{
    Task<CatalogRoom?> FindAsync(RoomNumber number, CancellationToken cancellationToken);
}

public sealed record CatalogRoom(RoomNumber Number, string Name, decimal PricePerNight);
