using System.Globalization;

namespace Accommodation.LoadTests.Engine;

/// <summary>How a request ended, as a person reading the report would count it.</summary>
public enum OutcomeKind
{
    /// <summary>The answer the API promises (a 201, or a 409 the scenario expects when customers race).</summary>
    Ok,

    /// <summary>A deliberate degraded answer, such as a 503 with Retry-After from a circuit breaker's fallback.</summary>
    Fallback,

    /// <summary>Anything else: an unexpected status, a timeout, a refused connection, a request never sent.</summary>
    Fail,
}

/// <summary>What one execution of a step ended with: its kind, plus the HTTP status or the kind of error.</summary>
/// <param name="Kind">Ok, Fallback or Fail.</param>
/// <param name="StatusCode">The HTTP status code, when there was an answer.</param>
/// <param name="Error">The kind of error when there was none: <c>timeout</c>, <c>connection-refused</c>, <c>overloaded</c>, …</param>
public sealed record StepOutcome(OutcomeKind Kind, int? StatusCode = null, string? Error = null)
{
    /// <summary>Timed out (the runner's request timeout).</summary>
    public const string Timeout = "timeout";

    /// <summary>Nothing listens at the address.</summary>
    public const string ConnectionRefused = "connection-refused";

    /// <summary>Not sent: the open model's cap on requests in flight was reached.</summary>
    public const string Overloaded = "overloaded";

    /// <summary>
    /// Closed model: how long this user waits before its next request, e.g. a Retry-After it honours. Not part of the
    /// request's latency; the open model, whose requests are due whatever answers come, ignores it.
    /// </summary>
    public TimeSpan? Backoff { get; init; }

    /// <summary>The label the report counts by: the status code, or the kind of error.</summary>
    public string Label => StatusCode?.ToString(CultureInfo.InvariantCulture) ?? Error ?? "unknown";

    public static StepOutcome Ok(int statusCode) => new(OutcomeKind.Ok, statusCode);

    public static StepOutcome Fallback(int statusCode) => new(OutcomeKind.Fallback, statusCode);

    public static StepOutcome Fail(int statusCode) => new(OutcomeKind.Fail, statusCode);

    public static StepOutcome Failed(string error) => new(OutcomeKind.Fail, Error: error);
}
