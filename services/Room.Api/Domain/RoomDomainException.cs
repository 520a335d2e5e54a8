namespace Accommodation.Rooms.Api.Domain;

/// <summary>A rule of the Room aggregate was broken; <see cref="Field"/> names the offending input.</summary>
public sealed class RoomDomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
