namespace Accommodation.Rooms.Api.Domain;

/// <summary>The port through which the application loads and stores Room aggregates.</summary>
public interface IRoomRepository
{
    Task<Room?> FindAsync(RoomNumber number, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(RoomNumber number, CancellationToken cancellationToken);

    Task<IReadOnlyList<Room>> ListAsync(int pageIndex, int pageSize, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    void Add(Room room);

    /// <summary>Stores every change and the integration events the changes raised, in one transaction.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
