using System.Net;
using System.Net.Sockets;

namespace Accommodation.LoadTests.Engine;

/// <summary>Decides whether an answer counts as Ok, Fallback or Fail; a scenario passes its own to change the rule.</summary>
public delegate OutcomeKind ResponseClassifier(HttpResponseMessage response);

/// <summary>Turns HTTP answers and errors into <see cref="StepOutcome"/>s.</summary>
public static class HttpOutcome
{
    /// <summary>2xx is Ok; a 503 that says when to come back (Retry-After) is a Fallback; everything else is a Fail.</summary>
    public static OutcomeKind Default(HttpResponseMessage response) => response switch
    {
        { IsSuccessStatusCode: true } => OutcomeKind.Ok,
        { StatusCode: HttpStatusCode.ServiceUnavailable, Headers.RetryAfter: not null } => OutcomeKind.Fallback,
        _ => OutcomeKind.Fail,
    };

    /// <summary>The default rule, with <paramref name="statuses"/> counted as Ok too (e.g. 409 when customers race).</summary>
    public static ResponseClassifier AlsoOk(params HttpStatusCode[] statuses) =>
        response => statuses.Contains(response.StatusCode) ? OutcomeKind.Ok : Default(response);

    public static StepOutcome Of(HttpResponseMessage response, ResponseClassifier? classifier = null) =>
        new((classifier ?? Default)(response), (int)response.StatusCode);

    /// <summary>Sends, reads the body to the end (a real client would) and classifies the answer.</summary>
    public static async Task<StepOutcome> SendAsync(
        HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken, ResponseClassifier? classifier = null)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return Of(response, classifier);
    }

    public static async Task<StepOutcome> GetAsync(
        HttpClient http, string uri, CancellationToken cancellationToken, ResponseClassifier? classifier = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendAsync(http, request, cancellationToken, classifier);
    }

    /// <summary>A failure without an answer; <paramref name="timedOut"/> tells a timeout from any other cancellation.</summary>
    public static StepOutcome FromException(Exception exception, bool timedOut) => StepOutcome.Failed(exception switch
    {
        OperationCanceledException when timedOut => StepOutcome.Timeout,
        OperationCanceledException => "cancelled",
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => StepOutcome.ConnectionRefused,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection-error",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "response-ended",
        HttpRequestException => "http-error",
        _ => "exception",
    });
}
