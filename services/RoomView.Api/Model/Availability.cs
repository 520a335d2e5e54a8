using System.Text.Json.Serialization;

namespace Accommodation.RoomView.Api.Model;

/// <summary>Whether a room can be reserved for a night: the requirements' 예약가능 / 예약불가.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Availability>))]
public enum Availability
{
    Available,
    Unavailable,
}

public sealed record RoomAvailability(string Number, DateOnly From, DateOnly To, IReadOnlyList<NightAvailability> Nights);

public sealed record NightAvailability(DateOnly Night, Availability Status);
