using Microsoft.Extensions.Hosting;

namespace Accommodation.Messaging;

/// <summary>Retry policy of the consumer host, bound from the configuration section <c>Messaging:Consumer</c>.</summary>
public sealed class KafkaEventConsumerOptions
{
    public const string SectionName = "Messaging:Consumer";

    // What a restarting PostgreSQL or Redis, a lost connection or a slow dependency throws; waiting is the cure.
    private readonly List<Func<Exception, bool>> _transientFailures = [TransientFailures.IsTransientItself];

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
    /// True when the failure or anything inside it (inner exceptions, the inners of an aggregate) is transient: what
    /// <see cref="TransientFailures"/> says passes by itself (the same rule that answers HTTP requests 503), or what a
    /// service added.
    /// </summary>
    public bool IsTransient(Exception exception) =>
        TransientFailures.Chain(exception).Any(current => _transientFailures.Any(isTransient => isTransient(current)));

    internal TimeSpan BackoffAfter(int failedAttempts)
    {
        var backoff = RetryBackoff * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return backoff < MaxRetryBackoff ? backoff : MaxRetryBackoff;
    }
}
