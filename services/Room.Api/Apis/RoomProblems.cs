using Accommodation.Rooms.Api.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Rooms.Api.Apis;

/// <summary>The RFC 9457 problems the rooms API answers with, worded once.</summary>
internal static class RoomProblems
{
    public static ProblemDetails NotFound(RoomNumber number) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Room not found.",
        Detail = $"No room is registered with number {number}.",
    };

    public static ProblemDetails AlreadyRegistered(RoomNumber number) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Room already registered.",
        Detail = $"A room with number {number} is already registered.",
    };

    public static ProblemDetails VersionMismatch(RoomNumber number, int expected, int actual) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Room changed meanwhile.",
        Detail = $"Room {number} is at version {actual}, not {expected}; read it again before changing it.",
    };

    public static ProblemDetails NoStayToCheckOut(RoomNumber number, DateOnly today) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "No stay to check out.",
        Detail = $"No confirmed reservation occupies room {number} on {today:yyyy-MM-dd}.",
    };

    public static ProblemDetails ConcurrentChange() => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Room changed meanwhile.",
        Detail = "Someone else changed this room at the same time; read it again before changing it.",
    };
}
