using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Reservations.Domain.Ports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Accommodation.Reservations.Infrastructure.Payments;

/// <summary>
/// The payment context over HTTP (<c>POST http://payment/api/v1/payments</c>, docs/events.md), with reservation's access
/// token (<see cref="PaymentAccessTokenHandler"/>). The idempotency key is derived from the reservation, so every
/// retry — the resilience handler's, the token handler's or the customer's — asks for the same payment.
/// </summary>
internal sealed partial class PaymentClient(
    HttpClient http, PaymentCircuit circuit, IOptionsMonitor<HttpStandardResilienceOptions> resilience, ILogger<PaymentClient> logger)
    : IPaymentService
{
    public const string BaseAddress = "http://payment";

    /// <summary>The options of this client's standard resilience handler (AddHttpClient names it after the type).</summary>
    public const string ResilienceOptionsName = $"{nameof(PaymentClient)}-standard";

    /// <summary>The idempotency key is what makes a retry safe; a request without one is never retried.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static string IdempotencyKey(PaymentRequest request) => $"reservation-{request.ReservationNumber}-{request.Attempt}";

    private const string RestingReason = "payment is resting (circuit open)";

    public PaymentResult.Unavailable? AnswerWhileResting() => circuit.RestingFor() is { } left ? new(RestingReason, left) : null;

    public async Task<PaymentResult> PayAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/v1/payments")
        {
            Content = JsonContent.Create(new PaymentBody(request.ReservationNumber.Value, request.CustomerId.Value, request.Amount)),
        };
        message.Headers.Add(IdempotencyKeyHeader, IdempotencyKey(request));
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.Created => await ApprovedAsync(request, response, cancellationToken),
                HttpStatusCode.PaymentRequired => await DeclinedAsync(request, response, cancellationToken),
                var status => Unavailable(request, $"payment answered {(int)status}"),
            };
        }
        catch (AccessTokenUnavailableException noToken)
        {
            // Payment cannot be asked without a token: the same "pay later" as when payment itself is down, never a 500.
            LogNotAsked(request.ReservationNumber.Value, noToken.Reason);
            return new PaymentResult.Unavailable(noToken.Reason, PayLaterAfter);
        }
        catch (Exception exception) when (IsUnreachable(exception, cancellationToken))
        {
            LogUnreachable(exception, request.ReservationNumber.Value);
            return new PaymentResult.Unavailable(exception is BrokenCircuitException ? RestingReason : "payment could not be reached", PayLaterAfter);
        }
    }

    private async Task<PaymentResult> ApprovedAsync(PaymentRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var payment = await response.Content.ReadFromJsonAsync<PaymentResponse>(cancellationToken);
        if (payment is not { Status: "Approved" } || payment.PaymentId == Guid.Empty || payment.Amount != request.Amount)
        {
            return Unavailable(request, "payment answered 201 without an approved payment of the amount asked for");
        }

        LogApproved(request.ReservationNumber.Value, payment.PaymentId, payment.Amount);
        return new PaymentResult.Approved(payment.PaymentId);
    }

    private async Task<PaymentResult> DeclinedAsync(PaymentRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var reason = "The payment was declined.";
        try
        {
            reason = (await response.Content.ReadFromJsonAsync<ProblemDetails>(cancellationToken))?.Detail ?? reason;
        }
        catch (JsonException)
        {
            // A decline without a readable problem is still a decline.
        }

        LogDeclined(request.ReservationNumber.Value, reason);
        return new PaymentResult.Declined(reason);
    }

    private PaymentResult.Unavailable Unavailable(PaymentRequest request, string reason)
    {
        LogUnusableAnswer(request.ReservationNumber.Value, reason);
        return new PaymentResult.Unavailable(reason, PayLaterAfter);
    }

    // The breaker's pause: before it ends, paying again is answered "later" without asking payment.
    private TimeSpan PayLaterAfter => resilience.Get(ResilienceOptionsName).CircuitBreaker.BreakDuration;

    // Refused by the resilience pipeline (timeout, open circuit), no connection, a body we cannot read, or a timeout we did not ask for.
    private static bool IsUnreachable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ExecutionRejectedException or HttpRequestException or JsonException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private sealed record PaymentBody(string ReservationNumber, string CustomerId, decimal Amount);

    private sealed record PaymentResponse(Guid PaymentId, string? ReservationNumber, decimal Amount, string? Status);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} approved for reservation {ReservationNumber}: {Amount} KRW")]
    private partial void LogApproved(string reservationNumber, Guid paymentId, decimal amount);

    [LoggerMessage(LogLevel.Information, "Payment for reservation {ReservationNumber} declined: {Reason}")]
    private partial void LogDeclined(string reservationNumber, string reason);

    [LoggerMessage(LogLevel.Warning, "Payment for reservation {ReservationNumber} gave no usable answer: {Reason}")]
    private partial void LogUnusableAnswer(string reservationNumber, string reason);

    [LoggerMessage(LogLevel.Warning, "Payment for reservation {ReservationNumber} could not be reached")]
    private partial void LogUnreachable(Exception exception, string reservationNumber);

    [LoggerMessage(LogLevel.Warning, "Payment for reservation {ReservationNumber} was not asked: no access token ({Reason})")]
    private partial void LogNotAsked(string reservationNumber, string reason);
}
