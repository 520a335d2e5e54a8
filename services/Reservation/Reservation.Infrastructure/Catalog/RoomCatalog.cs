using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Ports;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Reservations.Infrastructure.Catalog;

/// <summary>The room catalog replica: fed only by room events, read when a stay is priced.</summary>
internal sealed class RoomCatalog(ReservationDbContext dbContext) : IRoomCatalog
{
    public async Task<CatalogRoom?> FindAsync(RoomNumber number, CancellationToken cancellationToken) =>
        await dbContext.RoomCatalog.AsNoTracking().SingleOrDefaultAsync(room => room.Number == number.Value, cancellationToken) is { } room
            ? new CatalogRoom(number, room.Name, room.PricePerNight)
            : null;

    /// <summary>Stores <paramref name="room"/> unless the catalog already holds this version or a newer one; true when stored.</summary>
    /// <remarks>One statement, so duplicates, reordering and concurrent consumers all end with the newest version.</remarks>
    public async Task<bool> UpsertAsync(RoomCatalogEntry room, CancellationToken cancellationToken) =>
        await dbContext.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO room_catalog (number, type, name, price_per_night, version, updated_at)
            VALUES ({room.Number}, {room.Type}, {room.Name}, {room.PricePerNight}, {room.Version}, {room.UpdatedAt})
            ON CONFLICT (number) DO UPDATE
            SET type = EXCLUDED.type, name = EXCLUDED.name, price_per_night = EXCLUDED.price_per_night,
                version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
            WHERE room_catalog.version < EXCLUDED.version
            """, cancellationToken) == 1;
}
