using Accommodation.Payments.Api.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Payments.Api.Apis;

/// <summary>Turns a broken payment rule into 400 problem details naming the field.</summary>
internal sealed class PaymentExceptionHandler(IProblemDetailsService problemDetails) : ProblemExceptionHandler(problemDetails)
{
    protected override ProblemDetails? ProblemFor(Exception exception) =>
        exception is PaymentDomainException broken ? InvalidField(broken.Field, broken.Message) : null;
}
