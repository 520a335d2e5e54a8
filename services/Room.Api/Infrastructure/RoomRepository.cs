using Accommodation.Rooms.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Rooms.Api.Infrastructure;

internal sealed class RoomRepository(RoomDbContext dbContext) : IRoomRepository
{
    public Task<Room?> FindAsync(RoomNumber number, CancellationToken cancellationToken) =>
        dbContext.Rooms.SingleOrDefaultAsync(room => room.Number == number, cancellationToken);

    public Task<bool> ExistsAsync(RoomNumber number, CancellationToken cancellationToken) =>
        dbContext.Rooms.AnyAsync(room => room.Number == number, cancellationToken);

    public async Task<IReadOnlyList<Room>> ListAsync(int pageIndex, int pageSize, CancellationToken cancellationToken) =>
        await dbContext.Rooms
            .AsNoTracking()
            .OrderBy(room => room.Number)
            .Skip(pageIndex * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) => dbContext.Rooms.CountAsync(cancellationToken);

    public void Add(Room room) => dbContext.Rooms.Add(room);

    public Task SaveChangesAsync(CancellationToken cancellationToken) => dbContext.SaveChangesAsync(cancellationToken);
}
