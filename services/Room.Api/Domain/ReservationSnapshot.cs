namespace Accommodation.Rooms.Api.Domain;

/// <summary>What room needs of one version of a reservation: which room, which nights <c>[CheckIn, CheckOut)</c>, which status.</summary>
public sealed record ReservationSnapshot(
    string ReservationNumber, RoomNumber RoomNumber, DateOnly CheckIn, DateOnly CheckOut, ReservationStatus Status, int Version);
