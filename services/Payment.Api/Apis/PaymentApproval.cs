using System.Text.Json;
using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Accommodation.Payments.Api.Apis;

/// <summary>
/// Approves a payment once per Idempotency-Key of a client: claim the key, charge through the payment gateway, then
/// store the answer together with the payment, so every retry with the same key and body gets that same answer.
/// </summary>
internal sealed partial class PaymentApproval(
    IdempotencyStore idempotency,
    IPaymentGateway gateway,
    TimeProvider clock,
    IOptions<JsonOptions> jsonOptions,
    ILogger<PaymentApproval> logger)
{
    public async Task<Results<RecordedResult, ProblemHttpResult>> ApproveAsync(
        IdempotencyKey idempotencyKey, ApprovePaymentRequest request, CancellationToken cancellationToken)
    {
        var claim = await idempotency.ClaimAsync(idempotencyKey, RequestFingerprint.Of(request), cancellationToken);
        switch (claim)
        {
            case IdempotencyClaim.Mismatch:
                return TypedResults.Problem(PaymentProblems.KeyReused(idempotencyKey.Value));
            case IdempotencyClaim.InFlight:
                return TypedResults.Problem(PaymentProblems.StillInFlight(idempotencyKey.Value));
            case IdempotencyClaim.Completed completed:
                LogReplayed(idempotencyKey.Value, idempotencyKey.ClientId, completed.Response.Status);
                return new RecordedResult(completed.Response, replayed: true);
        }

        var record = ((IdempotencyClaim.Acquired)claim).Record;
        // From here money may move: finish and record the outcome even if the client hangs up, so its retry gets it.
        return await ChargeAsync(idempotencyKey, record, request, CancellationToken.None);
    }

    private async Task<Results<RecordedResult, ProblemHttpResult>> ChargeAsync(
        IdempotencyKey idempotencyKey, IdempotencyRecord record, ApprovePaymentRequest request, CancellationToken cancellationToken)
    {
        ChargeResult charge;
        try
        {
            charge = await gateway.ChargeAsync(
                new ChargeRequest(idempotencyKey.ForGateway, request.ReservationNumber!, request.CustomerId!, request.Amount!.Value), cancellationToken);
        }
        catch (PaymentGatewayUnavailableException exception)
        {
            LogGatewayUnavailable(exception, request.ReservationNumber!);
            await idempotency.ReleaseAsync(record, cancellationToken);
            return TypedResults.Problem(PaymentProblems.GatewayUnavailable());
        }

        var (response, payment) = charge switch
        {
            ChargeResult.Approved approved => Approved(request, approved),
            ChargeResult.Declined declined => (Recorded(PaymentProblems.Declined(declined.Reason)), null),
            _ => throw new InvalidOperationException($"Unknown charge result {charge}."),
        };

        if (await idempotency.CompleteAsync(record, response, payment, cancellationToken))
        {
            return new RecordedResult(response, replayed: false);
        }

        // The key was taken over as abandoned while the gateway was slow: the PG deduplicated the charge by key,
        // and the request that took over records the one answer.
        LogLostKey(idempotencyKey.Value, idempotencyKey.ClientId);
        return await idempotency.FindResponseAsync(idempotencyKey, cancellationToken) is { } theirs
            ? new RecordedResult(theirs, replayed: true)
            : TypedResults.Problem(PaymentProblems.StillInFlight(idempotencyKey.Value));
    }

    private (RecordedResponse, Payment?) Approved(ApprovePaymentRequest request, ChargeResult.Approved approved)
    {
        var payment = Payment.Approve(request.ReservationNumber!, request.CustomerId!, request.Amount!.Value,
            approved.GatewayTransactionId, clock.GetUtcNow());
        var response = new RecordedResponse(
            StatusCodes.Status201Created,
            "application/json; charset=utf-8",
            JsonSerializer.Serialize(PaymentResponse.From(payment), jsonOptions.Value.SerializerOptions),
            $"/api/v1/payments/{payment.Id}");
        return (response, payment);
    }

    private RecordedResponse Recorded(ProblemDetails problem) => new(
        problem.Status!.Value,
        "application/problem+json; charset=utf-8",
        JsonSerializer.Serialize(problem, jsonOptions.Value.SerializerOptions),
        Location: null);

    [LoggerMessage(LogLevel.Information, "Replayed the recorded {Status} answer for Idempotency-Key {IdempotencyKey} of client {ClientId}")]
    private partial void LogReplayed(string idempotencyKey, string clientId, int status);

    [LoggerMessage(LogLevel.Warning, "Payment gateway unavailable for reservation {ReservationNumber}; released the Idempotency-Key")]
    private partial void LogGatewayUnavailable(Exception exception, string reservationNumber);

    [LoggerMessage(LogLevel.Warning, "Idempotency-Key {IdempotencyKey} of client {ClientId} was taken over while its charge was under way")]
    private partial void LogLostKey(string idempotencyKey, string clientId);
}
