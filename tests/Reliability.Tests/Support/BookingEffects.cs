namespace Reliability.Tests.Support;

/// <summary>
/// What one reservation caused in each service, counted where it is stored: its events in the log, its notices,
/// room's record of it. A count of one is the guarantee; zero is a lost effect, more is a duplicated one.
/// </summary>
public sealed record BookingEffects(int Publications, int DistinctEvents, int Notices, int RoomRecords)
{
    public static async Task<BookingEffects> ReadAsync(SystemProbe probe, string reservationNumber, string eventType)
    {
        var published = (await probe.ReadTopicAsync("reservation-events"))
            .Where(message => message.Key == reservationNumber && message.EventType == eventType)
            .ToList();
        var notices = await probe.CountAsync("notificationdb",
            "SELECT count(*) FROM notices WHERE reservation_number = $1 AND kind = $2", reservationNumber, eventType.Replace("IntegrationEvent", "", StringComparison.Ordinal));
        var roomRecords = await probe.CountAsync("roomdb", "SELECT count(*) FROM room_reservations WHERE reservation_number = $1", reservationNumber);
        return new BookingEffects(published.Count, published.Select(message => message.EventId).Distinct().Count(), (int)notices, (int)roomRecords);
    }

    /// <summary>Effects that should be there once and are not.</summary>
    public int Lost => Missing(DistinctEvents) + Missing(Notices) + Missing(RoomRecords);

    /// <summary>Effects that are there more than once (a publication twice is not an effect; the consumers must absorb it).</summary>
    public int Duplicated => Extra(DistinctEvents) + Extra(Notices) + Extra(RoomRecords);

    private static int Missing(int count) => count == 0 ? 1 : 0;

    private static int Extra(int count) => Math.Max(0, count - 1);
}
