using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A database or cache that cannot be reached right now (restarting, failing over) is a 503 with Retry-After, not a
/// 500: nothing is wrong with the request or the service, and the same request will work once it is back.
/// </summary>
internal sealed class DependencyUnavailableExceptionHandler(IProblemDetailsService problemDetails) : ProblemExceptionHandler(problemDetails)
{
    private const string RetryAfterSeconds = "2";

    protected override ProblemDetails? ProblemFor(Exception exception) => IsUnavailableDependency(exception)
        ? new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "A service this request needs is unavailable; try again shortly.",
        }
        : null;

    protected override void AddHeaders(HttpResponse response, Exception exception) =>
        response.Headers.RetryAfter = RetryAfterSeconds;

    /// <summary>True when the exception or one it wraps says a connection failed or timed out.</summary>
    public static bool IsUnavailableDependency(Exception exception) =>
        Chain(exception).Any(inner => inner is DbException { IsTransient: true } or TimeoutException or SocketException or RedisConnectionException
            // The server shutting down or starting up: Npgsql does not call these transient, but they pass with the restart.
            or PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow });

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
