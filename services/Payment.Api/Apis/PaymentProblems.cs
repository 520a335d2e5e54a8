using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Payments.Api.Apis;

/// <summary>The RFC 9457 problems the payments API answers with, worded once.</summary>
internal static class PaymentProblems
{
    public static ProblemDetails NotFound(Guid paymentId) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Payment not found.",
        Detail = $"No payment has id {paymentId}.",
    };

    public static ProblemDetails CustomerNotFound(string customerId) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Customer not found.",
        Detail = $"There is no customer {customerId} whose payments you may read.",
    };

    public static ProblemDetails Declined(string reason) => new()
    {
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.3",
        Status = StatusCodes.Status402PaymentRequired,
        Title = "Payment declined.",
        Detail = $"{reason} Nothing was charged.",
    };

    public static ProblemDetails StillInFlight(string idempotencyKey) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Request still in progress.",
        Detail = $"A request with Idempotency-Key '{idempotencyKey}' is still being processed; retry later for its answer.",
    };

    public static ProblemDetails KeyReused(string idempotencyKey) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Idempotency-Key reused.",
        Detail = $"Idempotency-Key '{idempotencyKey}' was already used with a different request body; use a new key for a new payment.",
    };

    public static ProblemDetails GatewayUnavailable() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Payment gateway unavailable.",
        Detail = "The payment gateway did not answer and nothing was charged; retry a little later with the same Idempotency-Key.",
    };

    public static ProblemDetails Busy(int maxConcurrentApprovals) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Payment busy.",
        Detail = $"This payment replica is approving {maxConcurrentApprovals} payments already and its queue is full; nothing was charged, retry in a moment with the same Idempotency-Key.",
    };
}
