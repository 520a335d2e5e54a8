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
/// deserialize, run the handlers in a new DI scope with bounded retries, dead-letter what still fails, and only
/// then store the offset (auto-commit sends stored offsets), so nothing is skipped without a trace.
/// </summary>
internal sealed partial class KafkaEventConsumer : BackgroundService
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly EventSubscriptionRegistry _registry;
    private readonly string _consumerGroup;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly KafkaEventConsumerOptions _options;
    private readonly DeadLetterPublisher _deadLetters;
    private readonly ILogger<KafkaEventConsumer> _logger;

    public KafkaEventConsumer(
        IConsumer<string, byte[]> consumer,
        IProducer<string, byte[]> producer,
        EventSubscriptionRegistry registry,
        ConsumerGroupName consumerGroup,
        IServiceScopeFactory scopeFactory,
        IOptions<KafkaEventConsumerOptions> options,
        ILogger<KafkaEventConsumer> logger)
    {
        _consumer = consumer;
        _registry = registry;
        _consumerGroup = consumerGroup.Value;
        _scopeFactory = scopeFactory;
        _options = options.Value;
        _deadLetters = new DeadLetterPublisher(producer, _options, logger);
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
                ConsumeResult<string, byte[]> result;
                try
                {
                    result = _consumer.Consume(stoppingToken);
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
            // Leaves the group at once (partitions move without a session timeout) and commits stored offsets.
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
            StoreOffset(result);
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
            StoreOffset(result);
            return;
        }

        activity?.SetTag("messaging.message.id", @event.Id.ToString());
        var failure = await HandleWithRetriesAsync(subscription, @event, result, stoppingToken);
        if (failure is null)
        {
            MessagingTelemetry.Consumed.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", result.Topic));
        }
        else
        {
            activity.RecordError(failure);
            await _deadLetters.PublishAsync(result, _consumerGroup, failure, stoppingToken);
        }

        StoreOffset(result);
    }

    /// <summary>Returns null when the handlers succeeded, else the last failure after <see cref="KafkaEventConsumerOptions.MaxAttempts"/>.</summary>
    private async Task<Exception?> HandleWithRetriesAsync(EventSubscription subscription, IntegrationEvent @event,
        ConsumeResult<string, byte[]> result, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = _scopeFactory.CreateAsyncScope();
                await subscription.HandleAsync(scope.ServiceProvider, @event, stoppingToken);
                return null;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    LogHandlingGaveUp(exception, subscription.EventType.Name, @event.Id, result.Topic, attempt);
                    return exception;
                }

                LogHandlingRetry(exception, subscription.EventType.Name, @event.Id, result.Topic, attempt);
                await Task.Delay(_options.BackoffAfter(attempt), stoppingToken);
            }
        }
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

    [LoggerMessage(LogLevel.Warning, "Handling {EventType} {EventId} from {Topic} failed (attempt {Attempt}); retrying")]
    private partial void LogHandlingRetry(Exception exception, string eventType, Guid eventId, string topic, int attempt);

    [LoggerMessage(LogLevel.Error, "Handling {EventType} {EventId} from {Topic} failed {Attempt} times; dead-lettering it")]
    private partial void LogHandlingGaveUp(Exception exception, string eventType, Guid eventId, string topic, int attempt);

    [LoggerMessage(LogLevel.Warning, "Could not store the offset of {Topic}/{Partition}@{Offset}; it will be delivered again")]
    private partial void LogStoreOffsetFailed(Exception exception, string topic, int partition, long offset);
}

/// <summary>The Kafka consumer group (group.id) of the service's consumer host.</summary>
internal sealed record ConsumerGroupName(string Value);
