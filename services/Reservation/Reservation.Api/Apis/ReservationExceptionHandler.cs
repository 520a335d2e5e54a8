using System.Globalization;
using Accommodation.Reservations.Api.Application;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>Writes every refusal of the reservation domain and its use cases as problem details (see <see cref="ReservationProblems"/>).</summary>
internal sealed class ReservationExceptionHandler(IProblemDetailsService problemDetails) : ProblemExceptionHandler(problemDetails)
{
    protected override ProblemDetails? ProblemFor(Exception exception) => ReservationProblems.From(exception);

    protected override void AddHeaders(HttpResponse response, Exception exception)
    {
        if (exception is PaymentUnavailableException unavailable)
        {
            // Whole seconds, at least one: a hint, not a promise.
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
