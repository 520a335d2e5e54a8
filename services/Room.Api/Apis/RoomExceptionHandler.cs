using Accommodation.Rooms.Api.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Accommodation.Rooms.Api.Apis;

/// <summary>Turns broken room rules into 400 and lost races (concurrent change, same number twice) into 409.</summary>
internal sealed class RoomExceptionHandler(IProblemDetailsService problemDetails) : ProblemExceptionHandler(problemDetails)
{
    protected override ProblemDetails? ProblemFor(Exception exception) => exception switch
    {
        RoomDomainException broken => InvalidField(broken.Field, broken.Message),
        DbUpdateConcurrencyException => RoomProblems.ConcurrentChange(),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } duplicate
            when duplicate.Entries.Select(entry => entry.Entity).OfType<Room>().FirstOrDefault() is { } room =>
            RoomProblems.AlreadyRegistered(room.Number),
        _ => null,
    };
}
