using System.Globalization;
using Accommodation.RoomView.Api.Model;
using StackExchange.Redis;

namespace Accommodation.RoomView.Api.Infrastructure;

/// <summary>How a RoomInfo is laid out in a Redis hash (field names match ApplyRoomEvent.lua).</summary>
internal static class RoomInfoHash
{
    public static RedisValue[] ToScriptArguments(RoomInfo roomInfo, TimeSpan eventMarkerLifetime) =>
    [
        roomInfo.Number,
        roomInfo.Type,
        roomInfo.Name,
        roomInfo.PricePerNight.ToString(CultureInfo.InvariantCulture),
        roomInfo.Version,
        (long)eventMarkerLifetime.TotalSeconds,
    ];

    public static RoomInfo? FromHash(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString());
        return new RoomInfo(
            fields["number"],
            fields["type"],
            fields["name"],
            decimal.Parse(fields["pricePerNight"], NumberStyles.Number, CultureInfo.InvariantCulture),
            int.Parse(fields["version"], CultureInfo.InvariantCulture));
    }
}
