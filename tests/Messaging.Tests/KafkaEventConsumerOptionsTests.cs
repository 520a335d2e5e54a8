using Accommodation.Messaging;

namespace Messaging.Tests;

public sealed class KafkaEventConsumerOptionsTests
{
    [Fact]
    public void Defaults_to_three_attempts() => Assert.Equal(3, new KafkaEventConsumerOptions().MaxAttempts);

    [Fact]
    public void Backoff_doubles_after_each_failure_up_to_the_maximum()
    {
        var options = new KafkaEventConsumerOptions
        {
            RetryBackoff = TimeSpan.FromMilliseconds(100),
            MaxRetryBackoff = TimeSpan.FromMilliseconds(350),
        };

        Assert.Equal(
            [100, 200, 350, 350],
            new[] { 1, 2, 3, 40 }.Select(failures => options.BackoffAfter(failures).TotalMilliseconds));
    }
}
