using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Accommodation.Messaging;

/// <summary>
/// The consume loop of one consumer group. Per message: find the subscription by topic and event-type header,
/// deserialize, run the handlers in a new DI scope, and only then store the offset (auto-commit sends stored
/// offsets), so nothing is skipped without a trace. A message whose handling fails is not waited for in place: its
/// partition is paused and rewound to it until its backoff is due, while the other partitions keep flowing and the
/// consumer keeps polling (so the group keeps it). A transient failure is retried until it passes; any other is
/// retried <see cref="KafkaEventConsumerOptions.MaxAttempts"/> times, then dead-lettered.
/// </summary>
internal sealed partial class KafkaEventConsumer : BackgroundService
{
    // How long one poll waits for a message: also how late a due partition resumes or a stop is noticed.
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly IConsumer<string, byte[]> _consumer;
    private readonly EventSubscriptionRegistry _registry;
    private readonly string _consumerGroup;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly KafkaEventConsumerOptions _options;
    private readonly DeadLetterPublisher _deadLetters;
    private readonly CrashPointTrigger _crashPoints;
    private readonly ILogger<KafkaEventConsumer> _logger;

    // The message each partition is held at after a failure; a partition without a failed message has no entry.
    private readonly Dictionary<TopicPartition, FailedMessage> _failedMessages = [];
    private long _nextStrayPauseSweep;

    public KafkaEventConsumer(
        IConsumer<string, byte[]> consumer,
        IProducer<string, byte[]> producer,
        EventSubscriptionRegistry registry,
        ConsumerGroupName consumerGroup,
        IServiceScopeFactory scopeFactory,
        IOptions<KafkaEventConsumerOptions> options,
        CrashPointTrigger crashPoints,
        ILogger<KafkaEventConsumer> logger)
    {
        _consumer = consumer;
        _registry = registry;
        _consumerGroup = consumerGroup.Value;
        _scopeFactory = scopeFactory;
        _options = options.Value;
        _deadLetters = new DeadLetterPublisher(producer, _options, logger);
        _crashPoints = crashPoints;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Consume blocks its thread; leave the host's start-up path first.
        await Task.Yield();
        _consumer.Subscribe(_registry.Topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ResumeDuePartitions();
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = _consumer.Consume(PollTimeout);
                }
                catch (ConsumeException exception) when (!exception.Error.IsFatal)
                {
                    LogConsumeFailed(exception, exception.Error.Reason);
                    continue;
                }

                if (result?.Message is not null)
                {
                    await ProcessAsync(result, stoppingToken);
                }
            }
        }
        finally
        {
            // Leaves the group at once (partitions move without a session timeout) and commits stored offsets;
            // a partition held at a failed message resumes from it wherever it goes next.
            _consumer.Close();
        }
    }

    private async Task ProcessAsync(ConsumeResult<string, byte[]> result, CancellationToken stoppingToken)
    {
        var headers = result.Message.Headers;
        using var activity = MessagingTelemetry.StartProcess(result.Topic, result.Partition.Value, result.Offset.Value,
            _consumerGroup, Header(headers, MessageHeaders.TraceParent), Header(headers, MessageHeaders.TraceState));

        var eventTypeName = Header(headers, MessageHeaders.EventType);
        var subscription = _registry.Find(result.Topic, eventTypeName);
        if (subscription is null)
        {
            LogSkipped(result.Topic, result.Partition.Value, result.Offset.Value, eventTypeName);
            Complete(result);
            return;
        }

        IntegrationEvent @event;
        try
        {
            @event = IntegrationEventSerializer.Deserialize(result.Message.Value, subscription.EventType);
        }
        catch (JsonException exception)
        {
            // A payload that does not parse never will: no retries.
            activity.RecordError(exception);
            await _deadLetters.PublishAsync(result, _consumerGroup, exception, stoppingToken);
            Complete(result);
            return;
        }

        activity?.SetTag("messaging.message.id", @event.Id.ToString());
        try
        {
            await using var scope = _scopeFactory.CreateAsyncScope();
            await subscription.HandleAsync(scope.ServiceProvider, @event, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            activity.RecordError(exception);
            if (!TryRetryLater(result, exception, subscription.EventType.Name, @event.Id))
            {
                await _deadLetters.PublishAsync(result, _consumerGroup, exception, stoppingToken);
                Complete(result);
            }

            return;
        }

        MessagingTelemetry.Consumed.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", result.Topic));
        _crashPoints.Reach(CrashPoints.AfterHandle);
        Complete(result);
    }

    /// <summary>Holds the message's partition for a backoff; false when a deterministic failure has used up its attempts.</summary>
    private bool TryRetryLater(ConsumeResult<string, byte[]> result, Exception exception, string eventType, Guid eventId)
    {
        if (!_failedMessages.TryGetValue(result.TopicPartition, out var failed) || failed.Offset != result.Offset.Value)
        {
            failed = new FailedMessage(result.Offset.Value);
            _failedMessages[result.TopicPartition] = failed;
        }

        TimeSpan backoff;
        if (_options.IsTransient(exception))
        {
            // An outage passes: wait it out however long it lasts, never counting it as an attempt.
            backoff = _options.BackoffAfter(++failed.TransientFailures);
            LogTransientFailure(exception, eventType, eventId, result.Topic, result.Partition.Value, result.Offset.Value,
                failed.TransientFailures, backoff);
        }
        else if (++failed.Attempts < _options.MaxAttempts)
        {
            backoff = _options.BackoffAfter(failed.Attempts);
            LogHandlingRetry(exception, eventType, eventId, result.Topic, failed.Attempts);
        }
        else
        {
            LogHandlingGaveUp(exception, eventType, eventId, result.Topic, failed.Attempts);
            _failedMessages.Remove(result.TopicPartition);
            return false;
        }

        // Set first: whatever happens below, the partition is resumed when the backoff is due.
        failed.RetryAt = Environment.TickCount64 + (long)backoff.TotalMilliseconds;
        try
        {
            _consumer.Pause([result.TopicPartition]);
            // Back to the failed message: what was fetched after it is dropped and comes again after it.
            _consumer.Seek(result.TopicPartitionOffset);
        }
        catch (KafkaException pauseException)
        {
            // The partition was taken away meanwhile; its new owner starts at the failed message.
            LogHoldFailed(pauseException, result.Topic, result.Partition.Value, result.Offset.Value);
        }

        return true;
    }

    private void ResumeDuePartitions()
    {
        var now = Environment.TickCount64;
        ResumeStrayPausedPartitions(now);
        if (_failedMessages.Count == 0)
        {
            return;
        }

        foreach (var (partition, failed) in _failedMessages.Where(entry => entry.Value.RetryAt <= now))
        {
            failed.RetryAt = null;
            try
            {
                // Also when revoked meanwhile: a partition must not come back paused if it is assigned again.
                _consumer.Resume([partition]);
            }
            catch (KafkaException exception)
            {
                LogResumeFailed(exception, partition.Topic, partition.Partition.Value);
            }
        }
    }

    /// <summary>
    /// librdkafka keeps a partition's pause across a rebalance, so a partition paused for a backoff, revoked and assigned
    /// back could stay paused for good. Once a second, every assigned partition not in a backoff is resumed.
    /// </summary>
    private void ResumeStrayPausedPartitions(long now)
    {
        if (now < _nextStrayPauseSweep)
        {
            return;
        }

        _nextStrayPauseSweep = now + 1000;
        var free = _consumer.Assignment
            .Where(partition => !(_failedMessages.TryGetValue(partition, out var failed) && failed.RetryAt is not null))
            .ToList();
        if (free.Count == 0)
        {
            return;
        }

        try
        {
            _consumer.Resume(free);
        }
        catch (KafkaException exception)
        {
            LogResumeFailed(exception, free[0].Topic, free[0].Partition.Value);
        }
    }

    /// <summary>The message is done with (handled, skipped or dead-lettered): its partition moves on.</summary>
    private void Complete(ConsumeResult<string, byte[]> result)
    {
        if (_failedMessages.TryGetValue(result.TopicPartition, out var failed) && failed.Offset == result.Offset.Value)
        {
            _failedMessages.Remove(result.TopicPartition);
        }

        StoreOffset(result);
    }

    private void StoreOffset(ConsumeResult<string, byte[]> result)
    {
        try
        {
            _consumer.StoreOffset(result);
        }
        catch (KafkaException exception)
        {
            // The partition was revoked meanwhile; its new owner gets the message again and the inbox absorbs it.
            LogStoreOffsetFailed(exception, result.Topic, result.Partition.Value, result.Offset.Value);
        }
    }

    private static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    [LoggerMessage(LogLevel.Warning, "Consuming failed: {Reason}")]
    private partial void LogConsumeFailed(Exception exception, string reason);

    [LoggerMessage(LogLevel.Debug, "Skipped {Topic}/{Partition}@{Offset}: no subscription for event type {EventType}")]
    private partial void LogSkipped(string topic, int partition, long offset, string? eventType);

    [LoggerMessage(LogLevel.Warning,
        "Handling {EventType} {EventId} at {Topic}/{Partition}@{Offset} failed transiently ({TransientFailures} times so far); retrying in {Backoff}")]
    private partial void LogTransientFailure(Exception exception, string eventType, Guid eventId, string topic, int partition,
        long offset, int transientFailures, TimeSpan backoff);

    [LoggerMessage(LogLevel.Warning, "Handling {EventType} {EventId} from {Topic} failed (attempt {Attempt}); retrying")]
    private partial void LogHandlingRetry(Exception exception, string eventType, Guid eventId, string topic, int attempt);

    [LoggerMessage(LogLevel.Error, "Handling {EventType} {EventId} from {Topic} failed {Attempt} times; dead-lettering it")]
    private partial void LogHandlingGaveUp(Exception exception, string eventType, Guid eventId, string topic, int attempt);

    [LoggerMessage(LogLevel.Warning, "Could not hold {Topic}/{Partition} at {Offset} for a retry; its next owner gets the message")]
    private partial void LogHoldFailed(Exception exception, string topic, int partition, long offset);

    [LoggerMessage(LogLevel.Debug, "Could not resume {Topic}/{Partition} after a backoff")]
    private partial void LogResumeFailed(Exception exception, string topic, int partition);

    [LoggerMessage(LogLevel.Warning, "Could not store the offset of {Topic}/{Partition}@{Offset}; it will be delivered again")]
    private partial void LogStoreOffsetFailed(Exception exception, string topic, int partition, long offset);
}

/// <summary>The message a partition is held at after a failure: its failures so far and, while paused, when to try again.</summary>
internal sealed class FailedMessage(long offset)
{
    public long Offset { get; } = offset;

    /// <summary>Deterministic failures: the ones <see cref="KafkaEventConsumerOptions.MaxAttempts"/> counts.</summary>
    public int Attempts { get; set; }

    public int TransientFailures { get; set; }

    /// <summary><see cref="Environment.TickCount64"/> at which the paused partition resumes; null when not paused.</summary>
    public long? RetryAt { get; set; }
}

/// <summary>The Kafka consumer group (group.id) of the service's consumer host.</summary>
internal sealed record ConsumerGroupName(string Value);
