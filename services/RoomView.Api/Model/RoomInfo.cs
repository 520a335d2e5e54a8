namespace Accommodation.RoomView.Api.Model;

/// <summary>What a customer sees of a room: the latest state the room context published (by <see cref="Version"/>).</summary>
public sealed record RoomInfo(string Number, string Type, string Name, decimal PricePerNight, int Version);
