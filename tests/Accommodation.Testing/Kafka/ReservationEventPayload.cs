namespace Accommodation.Testing.Kafka;

/// <summary>The payload of a reservation event as reservation publishes it (docs/events.md), for tests that publish their own.</summary>
public static class ReservationEventPayload
{
    public static Dictionary<string, object?> Of(
        string reservationNumber, string customerId, string roomNumber, DateOnly checkIn, DateOnly checkOut, decimal totalPrice,
        string status, int version, Guid? paymentId, params (string Name, object? Value)[] extra)
    {
        var payload = new Dictionary<string, object?>
        {
            ["reservationNumber"] = reservationNumber,
            ["customerId"] = customerId,
            ["roomNumber"] = roomNumber,
            ["checkIn"] = checkIn,
            ["checkOut"] = checkOut,
            ["totalPrice"] = totalPrice,
            ["status"] = status,
            ["paymentId"] = paymentId,
            ["version"] = version,
        };
        foreach (var (name, value) in extra)
        {
            payload[name] = value;
        }

        return payload;
    }
}
