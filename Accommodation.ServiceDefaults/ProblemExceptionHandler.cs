using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Answers the exceptions a service knows with the RFC 9457 problem they stand for; every other exception
/// goes on to the next handler. A service only says which problem an exception is.
/// </summary>
public abstract class ProblemExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ProblemFor(exception) is not { Status: { } status } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        AddHeaders(httpContext.Response, exception);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    /// <summary>The problem <paramref name="exception"/> stands for (with its status), or null when it is not ours.</summary>
    protected abstract ProblemDetails? ProblemFor(Exception exception);

    protected virtual void AddHeaders(HttpResponse response, Exception exception)
    {
    }

    /// <summary>A broken domain rule, as the 400 a validation failure of that field would give.</summary>
    public static HttpValidationProblemDetails InvalidField(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };
}
