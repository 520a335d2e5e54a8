namespace Accommodation.Messaging;

/// <summary>Tuning of the outbox relay, bound from the configuration section <c>Messaging:OutboxRelay</c>.</summary>
public sealed class OutboxRelayOptions
{
    public const string SectionName = "Messaging:OutboxRelay";

    /// <summary>How often the relay looks for unsent rows without being woken (recovers rows a crashed process left).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many rows one read takes.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long sent rows are kept (for inspection) before they are deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often sent rows older than <see cref="SentRetention"/> are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}
