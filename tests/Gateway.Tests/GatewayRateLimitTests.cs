using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Testing;

namespace Accommodation.Gateway.Tests;

/// <summary>A gateway that allows 5 requests per caller per minute, so that a test reaches the limit at once.</summary>
public sealed class RateLimitedGatewayFactory : GatewayFactory
{
    public const int Permits = 5;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Gateway:RateLimits:PerUser"] = $"{Permits}",
        ["Gateway:RateLimits:PerIp"] = $"{Permits}",
        ["Gateway:RateLimits:Window"] = "00:01:00",
        ["Gateway:RateLimits:ExemptClients:0"] = "loadtests",
    };
}

// Each test uses callers of its own (subjects), and the one anonymous caller (this machine's IP) is used by one test only.
public sealed class GatewayRateLimitTests(RateLimitedGatewayFactory gateway) : IClassFixture<RateLimitedGatewayFactory>
{
    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_Retry_After_and_nothing_more_is_forwarded()
    {
        using var client = gateway.CreateClient(TestTokens.Customer("rate-kim", "roomview"));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedGatewayFactory.Permits; i++)
        {
            using var allowed = await client.GetAsync("/api/v1/customers/rate-kim/reservations");
            answers.Add(allowed.StatusCode);
        }

        var before = gateway.Reached.Count;
        using var refused = await client.GetAsync("/api/v1/customers/rate-kim/reservations");

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal(before, gateway.Reached.Count);
    }

    [Fact]
    public async Task One_users_limit_is_not_anothers()
    {
        using var greedy = gateway.CreateClient(TestTokens.Customer("rate-greedy", "roomview"));
        for (var i = 0; i <= RateLimitedGatewayFactory.Permits; i++)
        {
            using var _ = await greedy.GetAsync("/api/v1/customers/rate-greedy/reservations");
        }

        using var other = gateway.CreateClient(TestTokens.Customer("rate-lee", "roomview"));
        using var response = await other.GetAsync("/api/v1/customers/rate-lee/reservations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Callers_without_a_token_are_limited_by_address_and_forged_tokens_count_there_too()
    {
        using var anonymous = gateway.CreateClient();
        using var forger = gateway.CreateClient(TestTokens.Unsigned(new TokenSpec("kim", "room") { Roles = ["manager"] }));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedGatewayFactory.Permits; i++)
        {
            using var response = await (i % 2 == 0 ? anonymous : forger).GetAsync("/api/v1/roominfos");
            answers.Add(response.StatusCode);
        }

        using var refused = await anonymous.GetAsync("/api/v1/roominfos");
        using var probe = await anonymous.GetAsync("/health");

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        // The orchestrator's probes are not callers.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, probe.StatusCode);
    }

    [Fact]
    public async Task An_exempt_client_is_not_limited()
    {
        using var load = gateway.CreateClient(TestTokens.Service("loadtests", "roomview"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedGatewayFactory.Permits * 3; i++)
        {
            using var response = await load.GetAsync("/api/v1/customers/loadtests/reservations");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
