namespace Accommodation.Reservations.Api.Application;

/// <summary>A customer reserves a room for the nights <c>[CheckIn, CheckOut)</c>; the fields are parsed by the domain.</summary>
public sealed record ReserveCommand(string? CustomerId, string? RoomNumber, DateOnly CheckIn, DateOnly CheckOut);
