using Accommodation.Reservations.Api.Application;
using Microsoft.AspNetCore.Diagnostics;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>Writes every refusal of the reservation domain and its use cases as problem details (see <see cref="ReservationProblems"/>).</summary>
internal sealed class ReservationExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    // A hint, not a promise: the resilience handler has already retried before we say so.
    private const string PayLaterRetryAfterSeconds = "30";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ReservationProblems.From(exception) is not { } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is PaymentUnavailableException)
        {
            httpContext.Response.Headers.RetryAfter = PayLaterRetryAfterSeconds;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}
