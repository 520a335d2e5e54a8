using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A dependency that cannot be reached right now (a database or cache restarting or failing over, a service the call
/// goes on to; see <see cref="TransientFailures"/>) is a 503 with Retry-After, not a 500: nothing is wrong with the
/// request or the service, and the same request will work once it is back.
/// </summary>
internal sealed class DependencyUnavailableExceptionHandler(IProblemDetailsService problemDetails) : ProblemExceptionHandler(problemDetails)
{
    private const string RetryAfterSeconds = "2";

    protected override ProblemDetails? ProblemFor(Exception exception) => TransientFailures.IsTransient(exception)
        ? new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "A service this request needs is unavailable; try again shortly.",
        }
        : null;

    protected override void AddHeaders(HttpResponse response, Exception exception) =>
        response.Headers.RetryAfter = RetryAfterSeconds;
}
