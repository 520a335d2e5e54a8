namespace Accommodation.Messaging;

/// <summary>Retry policy of the consumer host, bound from the configuration section <c>Messaging:Consumer</c>.</summary>
public sealed class KafkaEventConsumerOptions
{
    public const string SectionName = "Messaging:Consumer";

    /// <summary>How many times a handler may try one message before it goes to the dead-letter topic.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts (also between tries to reach the dead-letter topic).</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    internal TimeSpan BackoffAfter(int failedAttempts)
    {
        var backoff = RetryBackoff * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return backoff < MaxRetryBackoff ? backoff : MaxRetryBackoff;
    }
}
