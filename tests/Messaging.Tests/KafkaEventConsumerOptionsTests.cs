using System.Net.Sockets;
using System.Text.Json;
using Accommodation.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Messaging.Tests;

public sealed class KafkaEventConsumerOptionsTests
{
    public static TheoryData<string, Exception> TransientFailures => new()
    {
        // What EF and Npgsql threw here when PostgreSQL went away (see TransientFailureTests and the report).
        { "connection refused", new InvalidOperationException("likely transient", new NpgsqlException("Failed to connect", new SocketException(111))) },
        { "connection dropped", new InvalidOperationException("likely transient", new NpgsqlException("Exception while reading", new EndOfStreamException())) },
        { "admin shutdown", new DbUpdateException("saving failed", Postgres("57P01")) },
        { "starting up", Postgres("57P03") },
        { "EF gave up retrying", new RetryLimitExceededException("retries exceeded", new NpgsqlException("Failed to connect", new SocketException(111))) },
        { "timeout", new TimeoutException() },
        { "socket", new SocketException(104) },
        { "http", new HttpRequestException("no connection") },
        { "inside an aggregate", new AggregateException(new InvalidOperationException("bad"), new TimeoutException()) },
    };

    public static TheoryData<string, Exception> DeterministicFailures => new()
    {
        { "a bug", new InvalidOperationException("bad state") },
        { "a bad payload", new JsonException("not json") },
        { "a unique violation", new DbUpdateException("saving failed", Postgres("23505")) },
        { "an aggregate of bugs", new AggregateException(new InvalidOperationException("bad"), new ArgumentException("worse")) },
    };

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

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public void Recognises_an_outage_anywhere_in_the_exception_chain(string failure, Exception exception) =>
        Assert.True(new KafkaEventConsumerOptions().IsTransient(exception), failure);

    [Theory]
    [MemberData(nameof(DeterministicFailures))]
    public void Anything_else_is_deterministic(string failure, Exception exception) =>
        Assert.False(new KafkaEventConsumerOptions().IsTransient(exception), failure);

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
