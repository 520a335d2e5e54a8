using Accommodation.Payments.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.Payments.Api.Apis;

internal static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/payments").WithTags("Payments").ProducesValidationProblem();

        api.MapPost("/", ApprovePayment)
            .WithName(nameof(ApprovePayment))
            .WithSummary("Charge a reservation through the payment gateway, once per Idempotency-Key")
            .Produces<PaymentResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(Extensions.Extensions.ApprovalsLimit);
        api.MapGet("/", ListPayments)
            .WithName(nameof(ListPayments))
            .WithSummary("List the payments of a reservation");
        api.MapGet("/{paymentId}", GetPayment)
            .WithName(nameof(GetPayment))
            .WithSummary("Get a payment")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static Task<Results<RecordedResult, ProblemHttpResult>> ApprovePayment(
        [AsParameters] IdempotencyKeyHeader header,
        ApprovePaymentRequest request,
        PaymentApproval approval,
        CancellationToken cancellationToken) =>
        approval.ApproveAsync(header.IdempotencyKey!, request, cancellationToken);

    public static async Task<Ok<PaymentResponse[]>> ListPayments(
        [AsParameters] PaymentsByReservationRequest query, IPaymentRepository payments, CancellationToken cancellationToken)
    {
        var found = await payments.ListByReservationAsync(query.ReservationNumber!, cancellationToken);
        return TypedResults.Ok(found.Select(PaymentResponse.From).ToArray());
    }

    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetPayment(
        Guid paymentId, IPaymentRepository payments, CancellationToken cancellationToken) =>
        await payments.FindAsync(paymentId, cancellationToken) is { } payment
            ? TypedResults.Ok(PaymentResponse.From(payment))
            : TypedResults.Problem(PaymentProblems.NotFound(paymentId));
}
