using Accommodation.Rooms.Api.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Accommodation.Rooms.Api.Apis;

/// <summary>Turns broken room rules into 400 and lost races (concurrent change, same number twice) into 409.</summary>
internal sealed class RoomExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RoomDomainException broken => new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [broken.Field] = [broken.Message],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
            },
            DbUpdateConcurrencyException => RoomProblems.ConcurrentChange(),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } duplicate
                when duplicate.Entries.Select(entry => entry.Entity).OfType<Room>().FirstOrDefault() is { } room =>
                RoomProblems.AlreadyRegistered(room.Number),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}
