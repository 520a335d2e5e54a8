namespace Accommodation.RoomView.Api.Model;

public interface IRoomInfoStore
{
    /// <summary>Applies one room event's state; a repeated event or one older than the stored version changes nothing.</summary>
    Task<RoomInfoUpdate> ApplyAsync(Guid eventId, RoomInfo roomInfo);

    Task<RoomInfo?> FindAsync(string number);

    Task<IReadOnlyList<RoomInfo>> ListAsync();
}

public enum RoomInfoUpdate
{
    Applied,
    Duplicate,
    Stale,
}
