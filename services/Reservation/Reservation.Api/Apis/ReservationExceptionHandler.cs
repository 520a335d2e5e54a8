using Accommodation.Reservations.Api.Application;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>Writes every refusal of the reservation domain and its use cases as problem details (see <see cref="ReservationProblems"/>).</summary>
internal sealed class ReservationExceptionHandler(IProblemDetailsService problemDetails) : ProblemExceptionHandler(problemDetails)
{
    // A hint, not a promise: the resilience handler has already retried before we say so.
    private const string PayLaterRetryAfterSeconds = "30";

    protected override ProblemDetails? ProblemFor(Exception exception) => ReservationProblems.From(exception);

    protected override void AddHeaders(HttpResponse response, Exception exception)
    {
        if (exception is PaymentUnavailableException)
        {
            response.Headers.RetryAfter = PayLaterRetryAfterSeconds;
        }
    }
}
