using System.Net;
using Accommodation.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceDefaults.Tests.Support;
using StackExchange.Redis;

namespace ServiceDefaults.Tests;

public sealed class RedisClientTests
{
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

    private static Task<TestApp> StartAsync(string connectionString)
    {
        var builder = TestApp.CreateBuilder(("ConnectionStrings:cache", connectionString));
        builder.AddServiceDefaults();
        builder.AddRedisClient("cache");
        return TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());
    }
}
