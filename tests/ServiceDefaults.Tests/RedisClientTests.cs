using System.Diagnostics;
using System.Net;
using Accommodation.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using ServiceDefaults.Tests.Support;
using StackExchange.Redis;

namespace ServiceDefaults.Tests;

public sealed class RedisClientTests
{
    private const string RedisSourceName = "StackExchange.Redis";

    // The span the commands under test run in, from a source no other test class listens to.
    private static readonly ActivitySource ParentSource = new("ServiceDefaults.Tests.Redis");

    [Fact]
    public async Task Multiplexer_talks_to_the_named_redis()
    {
        var infra = await TestInfrastructure.GetAsync();
        await using var app = await StartAsync(infra.RedisConnectionString);

        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var key = $"sd:{Guid.NewGuid():N}";
        await redis.StringSetAsync(key, "room 101", TimeSpan.FromMinutes(1));

        Assert.Equal("room 101", (string?)await redis.StringGetAsync(key));
    }

    [Fact]
    public async Task Health_is_ready_when_redis_answers()
    {
        var infra = await TestInfrastructure.GetAsync();
        await using var app = await StartAsync(infra.RedisConnectionString);

        await app.WaitUntilHealthyAsync();
    }

    [Fact]
    public async Task Redis_being_down_fails_readiness_without_crashing_start_up()
    {
        await using var app = await StartAsync(DeadEndpoint.HostAndPort());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await app.StatusOfAsync("/health"));
        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/alive"));
        Assert.False(app.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected);
    }

    [Fact]
    public void A_missing_connection_string_fails_at_start_up_naming_the_key_to_set()
    {
        var builder = TestApp.CreateBuilder();

        var exception = Assert.Throws<InvalidOperationException>(() => builder.AddRedisClient("cache"));

        Assert.Contains("ConnectionStrings:cache", exception.Message);
    }

    [Fact]
    public async Task Commands_inside_a_span_are_traced_as_its_client_children()
    {
        var infra = await TestInfrastructure.GetAsync();
        var spans = new CollectedActivities();
        await using var app = await StartAsync(
            infra.RedisConnectionString, tracing => tracing.AddSource(ParentSource.Name).AddProcessor(spans));

        var parent = await SetAndGetInsideASpanAsync(app);

        await Poll.UntilAsync(
            () => Task.FromResult(RedisSpansUnder(parent, spans).Count == 2), TimeSpan.FromSeconds(10), "SET and GET are traced");
        var redisSpans = RedisSpansUnder(parent, spans);
        var server = (IPEndPoint)ConfigurationOptions.Parse(infra.RedisConnectionString).EndPoints.Single();
        Assert.Equal(["GET", "SET"], redisSpans.Select(span => span.DisplayName).Order());
        Assert.All(redisSpans, span =>
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(parent.SpanId, span.ParentSpanId);
            Assert.Equal("redis", span.GetTagItem("db.system.name"));
            Assert.Equal(span.DisplayName, span.GetTagItem("db.operation.name"));
            Assert.Equal("0", span.GetTagItem("db.namespace"));
            Assert.Equal(server.Address.ToString(), span.GetTagItem("server.address"));
            Assert.Equal(server.Port, span.GetTagItem("server.port"));
            // Timed as the command ran, inside its parent, not as it was drained after the parent ended.
            Assert.InRange(span.StartTimeUtc, parent.StartTimeUtc, parent.StartTimeUtc + parent.Duration);
            Assert.InRange(span.Duration, TimeSpan.FromTicks(1), parent.Duration);
        });
    }

    [Fact]
    public async Task With_tracing_disabled_commands_make_no_spans()
    {
        var infra = await TestInfrastructure.GetAsync();
        var spans = new CollectedActivities();
        // Listening to the Redis source anyway: what must be missing is the profiling, not only the subscription.
        Activity parent;
        await using (var app = await StartAsync(
            infra.RedisConnectionString,
            tracing => tracing.AddSource(ParentSource.Name, RedisSourceName).AddProcessor(spans),
            settings => settings.DisableTracing = true))
        {
            parent = await SetAndGetInsideASpanAsync(app);
        }

        // Stopping the app drained whatever was profiled: no span can still be on its way.
        Assert.Contains(spans.Ended, span => span.SpanId == parent.SpanId);
        Assert.Empty(RedisSpansUnder(parent, spans));
    }

    private static async Task<Activity> SetAndGetInsideASpanAsync(TestApp app)
    {
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var key = $"sd:{Guid.NewGuid():N}";
        using var parent = ParentSource.StartActivity("check in")
            ?? throw new InvalidOperationException($"The app does not listen to {ParentSource.Name}.");
        // No expiry: that would be sent as SETEX. The test server is thrown away after the run.
        await redis.StringSetAsync(key, "room 101");
        await redis.StringGetAsync(key);
        return parent;
    }

    // By trace id: the Redis source is process-wide, and other tests' apps may listen to it too.
    private static List<Activity> RedisSpansUnder(Activity parent, CollectedActivities spans) =>
        [.. spans.Ended.Where(span => span.Source.Name == RedisSourceName && span.TraceId == parent.TraceId)];

    private static Task<TestApp> StartAsync(
        string connectionString,
        Action<TracerProviderBuilder>? configureTracing = null,
        Action<StackExchangeRedisSettings>? configureSettings = null)
    {
        var builder = TestApp.CreateBuilder(("ConnectionStrings:cache", connectionString));
        builder.AddServiceDefaults();
        builder.AddRedisClient("cache", configureSettings);
        if (configureTracing is not null)
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(configureTracing);
        }

        return TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());
    }
}
