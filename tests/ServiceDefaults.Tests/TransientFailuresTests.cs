using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace ServiceDefaults.Tests;

public sealed class TransientFailuresTests
{
    public static TheoryData<string, Exception> Transient => new()
    {
        // What EF and Npgsql threw here when PostgreSQL went away (Messaging.Tests' TransientFailureTests).
        { "connection refused", new InvalidOperationException("likely transient", new NpgsqlException("Failed to connect", new SocketException(111))) },
        { "connection dropped", new InvalidOperationException("likely transient", new NpgsqlException("Exception while reading", new EndOfStreamException())) },
        { "admin shutdown", new DbUpdateException("saving failed", Postgres("57P01")) },
        { "starting up", Postgres("57P03") },
        { "EF gave up retrying", new RetryLimitExceededException("retries exceeded", new NpgsqlException("Failed to connect", new SocketException(111))) },
        { "timeout", new TimeoutException() },
        { "socket", new SocketException(104) },
        { "http", new HttpRequestException("no connection") },
        { "redis unreachable", new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "no connection", null, CommandStatus.Unknown) },
        { "redis timeout", new InvalidOperationException("read failed", new RedisTimeoutException(CommandFlags.None, "timeout", CommandStatus.Sent)) },
        { "inside an aggregate", new AggregateException(new InvalidOperationException("bad"), new TimeoutException()) },
    };

    public static TheoryData<string, Exception> Deterministic => new()
    {
        { "a bug", new InvalidOperationException("bad state") },
        { "a bad payload", new JsonException("not json") },
        { "a unique violation", new DbUpdateException("saving failed", Postgres("23505")) },
        { "an aggregate of bugs", new AggregateException(new InvalidOperationException("bad"), new ArgumentException("worse")) },
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void Recognises_an_outage_anywhere_in_the_exception_chain(string failure, Exception exception) =>
        Assert.True(TransientFailures.IsTransient(exception), failure);

    [Theory]
    [MemberData(nameof(Deterministic))]
    public void Anything_else_is_deterministic(string failure, Exception exception) =>
        Assert.False(TransientFailures.IsTransient(exception), failure);

    private static PostgresException Postgres(string sqlState) => new("server said no", "FATAL", "FATAL", sqlState);
}
