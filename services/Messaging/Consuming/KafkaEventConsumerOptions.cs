using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Accommodation.Messaging;

/// <summary>Retry policy of the consumer host, bound from the configuration section <c>Messaging:Consumer</c>.</summary>
public sealed class KafkaEventConsumerOptions
{
    public const string SectionName = "Messaging:Consumer";

    // What a restarting PostgreSQL, a lost connection or a slow dependency throws; waiting is the cure.
    private readonly List<Func<Exception, bool>> _transientFailures =
    [
        exception => exception is DbException { IsTransient: true },
        exception => exception is TimeoutException or SocketException or HttpRequestException or RetryLimitExceededException,
        // The server shutting down or starting up: Npgsql does not call these transient, but they pass with the restart.
        exception => exception is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow },
    ];

    /// <summary>How many times a handler may try one message before it goes to the dead-letter topic (transient failures aside).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts (also between tries to reach the dead-letter topic).</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Treats <typeparamref name="TException"/> anywhere in a failure's chain as transient: retried without limit, never dead-lettered.</summary>
    public KafkaEventConsumerOptions AddTransientException<TException>()
        where TException : Exception =>
        AddTransientFailure(exception => exception is TException);

    /// <summary>Treats an exception matching <paramref name="isTransient"/> anywhere in a failure's chain as transient.</summary>
    public KafkaEventConsumerOptions AddTransientFailure(Func<Exception, bool> isTransient)
    {
        ArgumentNullException.ThrowIfNull(isTransient);
        _transientFailures.Add(isTransient);
        return this;
    }

    /// <summary>
    /// True when the failure or anything inside it (inner exceptions, the inners of an aggregate) is transient:
    /// a transient <see cref="DbException"/>, <see cref="TimeoutException"/>, <see cref="SocketException"/>,
    /// <see cref="HttpRequestException"/>, EF's <see cref="RetryLimitExceededException"/> or what a service added.
    /// </summary>
    public bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            if (_transientFailures.Any(isTransient => isTransient(current)))
            {
                return true;
            }

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

        return false;
    }

    internal TimeSpan BackoffAfter(int failedAttempts)
    {
        var backoff = RetryBackoff * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return backoff < MaxRetryBackoff ? backoff : MaxRetryBackoff;
    }
}
