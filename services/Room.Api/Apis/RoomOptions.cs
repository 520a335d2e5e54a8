namespace Accommodation.Rooms.Api.Apis;

/// <summary>Bound from the configuration section <c>Room</c>.</summary>
public sealed class RoomOptions
{
    public const string SectionName = "Room";

    /// <summary>The hotel's time zone (IANA id): it decides which night is tonight and which stay a check-out closes.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";
}
