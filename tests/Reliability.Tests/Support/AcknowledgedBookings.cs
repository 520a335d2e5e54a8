namespace Reliability.Tests.Support;

/// <summary>Checks what a <see cref="BookingLoad"/> was told against what the services stored and published.</summary>
public static class AcknowledgedBookings
{
    /// <summary>Acknowledged reservations missing from reservation's database or in another status than acknowledged.</summary>
    public static async Task<IReadOnlyList<string>> LostAsync(SystemProbe probe, IReadOnlyList<BookingLoad.Booking> bookings)
    {
        var stored = (await probe.QueryAsync("reservationdb", "SELECT number, status FROM reservations WHERE number = ANY($1)",
                (object)bookings.Select(booking => booking.Number).ToArray()))
            .ToDictionary(row => (string)row["number"]!, row => (string)row["status"]!);
        return
        [
            .. bookings
                .Where(booking => !stored.TryGetValue(booking.Number, out var status) || !booking.Status.Contains(status, StringComparison.Ordinal))
                .Select(booking => $"{booking.Number} acknowledged as {booking.Status}, stored as {stored.GetValueOrDefault(booking.Number) ?? "nothing"}"),
        ];
    }

    /// <summary>
    /// Waits until every booking's events are on reservation-events, then returns the keys whose events are not in
    /// version order, and the counts of lost (a version missing) and duplicated (one version under two event ids) events.
    /// </summary>
    public static async Task<(IReadOnlyList<string> OutOfOrder, int Lost, int Duplicated)> PublishedAsync(
        SystemProbe probe, IReadOnlyList<BookingLoad.Booking> bookings, TimeSpan timeout)
    {
        var expectedVersions = bookings.ToDictionary(booking => booking.Number, booking => booking.Status == "Cancelled" ? 2 : 1);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var byKey = (await probe.ReadTopicAsync("reservation-events"))
                .Where(message => expectedVersions.ContainsKey(message.Key))
                .GroupBy(message => message.Key)
                .ToDictionary(group => group.Key, group => group.OrderBy(message => message.Offset).ToList());
            var lost = expectedVersions.Sum(pair =>
                Math.Max(0, pair.Value - (byKey.TryGetValue(pair.Key, out var events) ? events.Select(Version).Distinct().Count() : 0)));
            if (lost > 0 && DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }

            // Redelivery may repeat an event (same id); order means the versions never go down along the log.
            var outOfOrder = byKey
                .Where(pair => pair.Value.Select(Version).Zip(pair.Value.Select(Version).Skip(1)).Any(step => step.Second < step.First))
                .Select(pair => $"{pair.Key}: versions {string.Join(",", pair.Value.Select(Version))}")
                .ToList();
            var duplicated = byKey.Values.Sum(events => events.GroupBy(Version).Sum(version => version.Select(message => message.EventId).Distinct().Count() - 1));
            return (outOfOrder, lost, duplicated);
        }
    }

    /// <summary>Waits until notification has one notice per event of each booking; returns (lost, duplicated) notices.</summary>
    public static async Task<(int Lost, int Duplicated)> NoticesAsync(SystemProbe probe, IReadOnlyList<BookingLoad.Booking> bookings, TimeSpan timeout)
    {
        var expected = bookings.ToDictionary(booking => booking.Number, booking => booking.Status == "Cancelled" ? 2 : 1);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var counts = (await probe.QueryAsync("notificationdb",
                    "SELECT reservation_number, kind, count(*) AS notices FROM notices WHERE reservation_number = ANY($1) GROUP BY reservation_number, kind",
                    (object)expected.Keys.ToArray()))
                .GroupBy(row => (string)row["reservation_number"]!)
                .ToDictionary(group => group.Key, group => group.Select(row => Convert.ToInt32(row["notices"], System.Globalization.CultureInfo.InvariantCulture)).ToList());
            var lost = expected.Sum(pair => Math.Max(0, pair.Value - (counts.TryGetValue(pair.Key, out var kinds) ? kinds.Count : 0)));
            if (lost == 0 || DateTime.UtcNow > until)
            {
                return (lost, counts.Values.Sum(kinds => kinds.Sum(count => count - 1)));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static int Version(TopicMessage message) => message.Json.GetProperty("version").GetInt32();
}
