namespace Accommodation.Reservations.Api.Application;

/// <summary>
/// A customer reserves a room for the nights <c>[CheckIn, CheckOut)</c>; the fields are parsed by the domain. Whose
/// reservation it is comes from the caller, never from the request.
/// </summary>
public sealed record ReserveCommand(string? RoomNumber, DateOnly CheckIn, DateOnly CheckOut);
