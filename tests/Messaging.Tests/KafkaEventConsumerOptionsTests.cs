using System.Net.Sockets;
using System.Text.Json;
using Accommodation.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    [Fact]
    public void Takes_the_rule_requests_are_answered_by_an_outage_is_transient_the_rest_is_not()
    {
        var options = new KafkaEventConsumerOptions();
        Assert.True(options.IsTransient(new InvalidOperationException("likely transient", new NpgsqlException("Failed to connect", new SocketException(111)))));
        Assert.True(options.IsTransient(new AggregateException(new InvalidOperationException("bad"), new TimeoutException())));
        Assert.False(options.IsTransient(new JsonException("not json")));
        Assert.False(options.IsTransient(new DbUpdateException("saving failed", Postgres("23505"))));
    }

    [Fact]
    public void A_service_adds_its_own_transient_exceptions_and_predicates()
    {
        var options = new KafkaEventConsumerOptions();
        var wrapped = new InvalidOperationException("handler failed", new CacheUnavailableException());
        var busy = new InvalidOperationException("BUSY try later");
        Assert.False(options.IsTransient(wrapped));
        Assert.False(options.IsTransient(busy));

        options.AddTransientException<CacheUnavailableException>()
            .AddTransientFailure(exception => exception.Message.StartsWith("BUSY", StringComparison.Ordinal));

        Assert.True(options.IsTransient(wrapped));
        Assert.True(options.IsTransient(busy));
        Assert.False(options.IsTransient(new InvalidOperationException("bad state")));
    }

    private static PostgresException Postgres(string sqlState) => new("server said no", "FATAL", "FATAL", sqlState);

    private sealed class CacheUnavailableException : Exception;
}
