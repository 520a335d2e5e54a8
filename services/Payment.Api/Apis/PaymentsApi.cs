using System.Security.Claims;
using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.Payments.Api.Apis;

/// <summary>
/// The payments API. Only a client holding the <c>payment.pay</c> scope (reservation's client credentials) charges;
/// a customer reads their own payments and a manager anyone's. Another customer's payment is answered like a missing
/// one, so whether it exists is never revealed.
/// </summary>
internal static class PaymentsApi
{
    private static readonly AuthorizeAttribute CustomerOrManager = new() { Roles = $"{AccessPolicies.Customer},{AccessPolicies.Manager}" };

    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/payments").WithTags("Payments").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/", ApprovePayment)
            .WithName(nameof(ApprovePayment))
            .WithSummary("Charge a reservation through the payment gateway, once per Idempotency-Key of the calling client")
            .RequireAuthorization(AccessPolicies.PaymentPay)
            .Produces<PaymentResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(Extensions.Extensions.ApprovalsLimit);
        api.MapGet("/", ListPayments)
            .WithName(nameof(ListPayments))
            .WithSummary("List the payments of a reservation or of a customer (a customer: their own)")
            .RequireAuthorization(CustomerOrManager)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{paymentId}", GetPayment)
            .WithName(nameof(GetPayment))
            .WithSummary("Get a payment (a customer: one of their own)")
            .RequireAuthorization(CustomerOrManager)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static Task<Results<RecordedResult, ProblemHttpResult>> ApprovePayment(
        [AsParameters] IdempotencyKeyHeader header,
        ApprovePaymentRequest request,
        ClaimsPrincipal user,
        PaymentApproval approval,
        CancellationToken cancellationToken) =>
        approval.ApproveAsync(new IdempotencyKey(ClientOf(user), header.IdempotencyKey!), request, cancellationToken);

    public static async Task<Results<Ok<PaymentResponse[]>, ValidationProblem, ProblemHttpResult>> ListPayments(
        [AsParameters] PaymentsQuery query, ClaimsPrincipal user, IPaymentRepository payments, CancellationToken cancellationToken)
    {
        var customerId = query.CustomerId;
        if (!user.IsManager())
        {
            if (customerId is not null && !user.MayActFor(customerId))
            {
                return TypedResults.Problem(PaymentProblems.CustomerNotFound(customerId));
            }

            customerId = user.CustomerId();
        }
        else if (customerId is null && query.ReservationNumber is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["customerId"] = ["A manager names the customer or the reservation whose payments to list."],
            });
        }

        var found = await payments.ListAsync(query.ReservationNumber, customerId, cancellationToken);
        return TypedResults.Ok(found.Select(PaymentResponse.From).ToArray());
    }

    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetPayment(
        Guid paymentId, ClaimsPrincipal user, IPaymentRepository payments, CancellationToken cancellationToken) =>
        await payments.FindAsync(paymentId, cancellationToken) is { } payment && user.MayActFor(payment.CustomerId)
            ? TypedResults.Ok(PaymentResponse.From(payment))
            : TypedResults.Problem(PaymentProblems.NotFound(paymentId));

    // Idempotency-Keys are the client's (the software that picks them and retries), whoever it acts for.
    private static string ClientOf(ClaimsPrincipal user) => user.FindFirstValue(AccessClaims.ClientId) ?? user.CustomerId();
}
