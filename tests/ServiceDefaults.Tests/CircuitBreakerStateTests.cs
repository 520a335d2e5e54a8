using System.Net;
using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly;
using Polly.CircuitBreaker;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

public sealed class CircuitBreakerStateTests
{
    private const string ClientName = "flaky";
    private const string PipelineName = $"{ClientName}-standard";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_state_goes_from_closed_to_open_while_the_endpoint_fails_then_half_open_and_closed_after_the_break()
    {
        var endpoint = new FlakyEndpoint();
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", endpoint.AnswerAsync));
        var ownCallbacks = new List<string>();
        var builder = TestApp.CreateBuilder();
        builder.AddServiceDefaults();
        // As a service replaces the defaults' handler for one client (Reservation's payment client, Notification's KakaoTalk client).
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is the documented way to replace the defaults' handler.
        builder.Services.AddHttpClient(ClientName, client => client.BaseAddress = server.BaseAddress)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                // Retries would only multiply the failures the breaker counts; half of a few requests failing opens it.
                options.Retry.ShouldHandle = _ => PredicateResult.False();
                options.CircuitBreaker.MinimumThroughput = 2;
                options.CircuitBreaker.FailureRatio = 0.5;
                options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(1);
                // The service's own callbacks must still run.
                options.CircuitBreaker.OnOpened = _ => Record(ownCallbacks, "opened");
                options.CircuitBreaker.OnHalfOpened = _ => Record(ownCallbacks, "half-opened");
                options.CircuitBreaker.OnClosed = _ => Record(ownCallbacks, "closed");
            });
#pragma warning restore EXTEXP0001
        await using var app = await TestApp.StartAsync(builder, _ => { });
        using var states = new GaugeReader<int>(app.Services, TelemetryNames.Resilience, "resilience.circuit_breaker.state");
        int? State() => states.Read(("resilience.pipeline.name", PipelineName)) is [var state] ? state : null;
        using var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);

        using (var response = await client.GetAsync(""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, State());

        endpoint.Failing = true;
        await Poll.UntilAsync(async () =>
        {
            await SendIgnoringTheBreakerAsync(client);
            return State() == 2;
        }, Deadline, "the breaker opens while every answer is 500");
        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync(""));

        // Healthy again, but the first request after the break (the breaker's probe) is held while the state is read.
        endpoint.Failing = false;
        var probeHeld = endpoint.HoldNext();
        var probe = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    return await client.GetAsync("");
                }
                catch (BrokenCircuitException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50));
                }
            }
        });
        await probeHeld.WaitAsync(Deadline);
        Assert.Equal(1, State());

        endpoint.Release();
        using (var response = await probe.WaitAsync(Deadline))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, State());
        Assert.Equal(["opened", "half-opened", "closed"], ownCallbacks);
    }

    private static ValueTask Record(List<string> callbacks, string callback)
    {
        lock (callbacks)
        {
            callbacks.Add(callback);
        }

        return ValueTask.CompletedTask;
    }

    private static async Task SendIgnoringTheBreakerAsync(HttpClient client)
    {
        try
        {
            (await client.GetAsync("")).Dispose();
        }
        catch (BrokenCircuitException)
        {
            // Open already: the state says so.
        }
    }

    /// <summary>Answers 500 while failing; otherwise 200, after holding the next request when asked to.</summary>
    private sealed class FlakyEndpoint
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource? _held;
        private TaskCompletionSource? _release;
        private volatile bool _failing;

        public bool Failing
        {
            get => _failing;
            set => _failing = value;
        }

        /// <summary>Completes when the next request has arrived and is being held.</summary>
        public Task HoldNext()
        {
            lock (_lock)
            {
                _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
                _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
                return _held.Task;
            }
        }

        public void Release()
        {
            lock (_lock)
            {
                _release?.TrySetResult();
            }
        }

        public async Task<IResult> AnswerAsync()
        {
            if (Failing)
            {
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            }

            Task? release;
            lock (_lock)
            {
                release = _release?.Task;
                _held?.TrySetResult();
                _held = null;
            }

            if (release is not null)
            {
                await release;
            }

            return Results.Ok();
        }
    }
}
