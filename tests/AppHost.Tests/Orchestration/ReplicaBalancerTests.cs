using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace AppHost.Tests.Orchestration;

/// <summary>The stable endpoint of a replicated service, in front of two real Kestrel replicas over loopback.</summary>
public sealed class ReplicaBalancerTests : IAsyncLifetime
{
    private readonly List<WebApplication> _servers = [];
    private readonly ProjectReplica _first = new("svc-0", FreePort.Find());
    private readonly ProjectReplica _second = new("svc-1", FreePort.Find());
    private readonly TaskCompletionSource _releaseSlow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ReplicaBalancer _balancer = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await StartReplicaAsync(_first);
        await StartReplicaAsync(_second);
        _first.IsHealthy = _second.IsHealthy = true;

        _balancer = new ReplicaBalancer("svc", FreePort.Find()) { Replicas = [_first, _second] };
        var front = await StartServerAsync(_balancer.Port, app =>
        {
            var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
            app.Run(context => _balancer.ForwardAsync(context, forwarder));
        });
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_balancer.Port}") };
        _servers.Add(front);
    }

    public async Task DisposeAsync()
    {
        _releaseSlow.TrySetResult();
        _client.Dispose();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Requests_are_shared_between_the_healthy_replicas()
    {
        var answeredBy = await WhoAnswersAsync(10);

        Assert.Equal(5, answeredBy.Count(name => name == "svc-0"));
        Assert.Equal(5, answeredBy.Count(name => name == "svc-1"));
        Assert.Equal(5, _first.Requests);
    }

    [Fact]
    public async Task An_unhealthy_replica_gets_no_request()
    {
        _second.IsHealthy = false;

        Assert.All(await WhoAnswersAsync(6), name => Assert.Equal("svc-0", name));
    }

    [Fact]
    public async Task A_busy_replica_is_passed_over_for_one_with_fewer_requests_in_flight()
    {
        var slow = _client.GetAsync("/slow");
        await WaitUntilAsync(() => _first.InFlight + _second.InFlight == 1);
        var busy = _first.InFlight == 1 ? "svc-0" : "svc-1";

        Assert.All(await WhoAnswersAsync(4), name => Assert.NotEqual(busy, name));

        _releaseSlow.SetResult();
        using var finished = await slow;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal(0, _first.InFlight + _second.InFlight);
    }

    [Fact]
    public async Task Without_a_healthy_replica_the_answer_is_503_problem_details_with_retry_after()
    {
        _first.IsHealthy = _second.IsHealthy = false;

        using var response = await _client.GetAsync("/who");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("svc", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_that_refuses_connections_is_taken_out_of_rotation_at_once()
    {
        var gone = new ProjectReplica("svc-2", FreePort.Find()) { IsHealthy = true };
        _balancer.Replicas = [_first, gone];

        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < 6; request++)
        {
            using var response = await _client.GetAsync("/who");
            statuses.Add(response.StatusCode);
        }

        Assert.False(gone.IsHealthy);
        Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.BadGateway));
        Assert.Equal(5, statuses.Count(status => status == HttpStatusCode.OK));
    }

    private async Task<List<string>> WhoAnswersAsync(int requests)
    {
        var names = new List<string>();
        for (var request = 0; request < requests; request++)
        {
            names.Add(await _client.GetStringAsync("/who"));
        }

        return names;
    }

    private async Task StartReplicaAsync(ProjectReplica replica) =>
        _servers.Add(await StartServerAsync(replica.Port, app =>
        {
            app.MapGet("/who", () => replica.Name);
            app.MapGet("/slow", async () =>
            {
                await _releaseSlow.Task;
                return replica.Name;
            });
        }));

    private static async Task<WebApplication> StartServerAsync(int port, Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        builder.Services.AddProblemDetails();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return app;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
