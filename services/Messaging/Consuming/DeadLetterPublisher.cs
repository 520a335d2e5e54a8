using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Accommodation.Messaging;

/// <summary>Parks a message that cannot be handled on <c>&lt;topic&gt;.dlt</c>: original key, value and headers plus its origin.</summary>
internal sealed partial class DeadLetterPublisher(
    IProducer<string, byte[]> producer, KafkaEventConsumerOptions options, ILogger logger)
{
    // Longer than any header a broker accepts comfortably; the full exception is in the log.
    private const int MaxExceptionMessageLength = 1000;

    /// <summary>Returns once the dead letter is delivered; until then it retries, since the offset must not move on without it.</summary>
    public async Task PublishAsync(ConsumeResult<string, byte[]> result, string consumerGroup, Exception exception,
        CancellationToken cancellationToken)
    {
        var deadLetterTopic = MessageHeaders.DeadLetterTopic(result.Topic);
        var message = ToDeadLetter(result, consumerGroup, exception);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await producer.ProduceAsync(deadLetterTopic, message, cancellationToken);
                MessagingTelemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", result.Topic));
                LogDeadLettered(result.Topic, result.Partition.Value, result.Offset.Value, deadLetterTopic,
                    exception.GetType().Name, exception.Message);
                return;
            }
            catch (ProduceException<string, byte[]> produceException)
            {
                LogDeadLetterFailed(produceException, deadLetterTopic, attempt);
                await Task.Delay(options.BackoffAfter(attempt), cancellationToken);
            }
        }
    }

    internal static Message<string, byte[]> ToDeadLetter(ConsumeResult<string, byte[]> result, string consumerGroup, Exception exception)
    {
        var headers = new Headers();
        foreach (var header in result.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        var exceptionMessage = exception.Message.Length > MaxExceptionMessageLength
            ? exception.Message[..MaxExceptionMessageLength]
            : exception.Message;
        Add(headers, MessageHeaders.DeadLetterOriginalTopic, result.Topic);
        Add(headers, MessageHeaders.DeadLetterOriginalPartition, result.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, MessageHeaders.DeadLetterOriginalOffset, result.Offset.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, MessageHeaders.DeadLetterConsumerGroup, consumerGroup);
        Add(headers, MessageHeaders.DeadLetterExceptionType, exception.GetType().FullName ?? exception.GetType().Name);
        Add(headers, MessageHeaders.DeadLetterExceptionMessage, exceptionMessage);

        return new Message<string, byte[]>
        {
            Key = result.Message.Key,
            Value = result.Message.Value,
            Headers = headers,
        };
    }

    private static void Add(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));

    [LoggerMessage(LogLevel.Warning, "Moved {Topic}/{Partition}@{Offset} to {DeadLetterTopic}: {ExceptionType}: {ExceptionMessage}")]
    private partial void LogDeadLettered(string topic, int partition, long offset, string deadLetterTopic,
        string exceptionType, string exceptionMessage);

    [LoggerMessage(LogLevel.Error, "Producing to {DeadLetterTopic} failed (attempt {Attempt}); trying again")]
    private partial void LogDeadLetterFailed(Exception exception, string deadLetterTopic, int attempt);
}
