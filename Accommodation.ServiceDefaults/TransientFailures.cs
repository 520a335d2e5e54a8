using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Which failures pass by themselves: a database or cache restarting or out of reach, a lost connection, a timeout.
/// The one rule behind both answers to them: an HTTP request gets 503 with Retry-After, and a consumed event is retried
/// until it passes instead of being dead-lettered.
/// </summary>
public static class TransientFailures
{
    /// <summary>True when the failure, or anything it wraps (inner exceptions, the inners of an aggregate), is transient.</summary>
    public static bool IsTransient(Exception exception) => Chain(exception).Any(IsTransientItself);

    /// <summary>True when this exception itself, not what it wraps, is transient.</summary>
    public static bool IsTransientItself(Exception exception) =>
        exception is DbException { IsTransient: true } or TimeoutException or SocketException or HttpRequestException
            or RedisConnectionException or RetryLimitExceededException
            // The server shutting down or starting up: Npgsql does not call these transient, but they pass with the restart.
            or PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow };

    /// <summary>The exception, then everything it wraps: inner exceptions and the inners of aggregates.</summary>
    public static IEnumerable<Exception> Chain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
