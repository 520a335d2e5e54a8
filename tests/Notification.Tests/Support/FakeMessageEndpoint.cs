using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Accommodation.Notification.Tests.Support;

/// <summary>
/// A stand-in for the KakaoTalk message API on 127.0.0.1: records every request it gets and answers 200, or the
/// failures a test scripted for a recipient (the first N calls, or all of them), optionally after a delay.
/// </summary>
public sealed class FakeMessageEndpoint : IAsyncLifetime
{
    private const string Path = "/v2/alimtalk/messages";

    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private readonly ConcurrentDictionary<string, FailurePlan> _failures = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _latencies = new();
    private WebApplication? _app;

    /// <summary>The URL the service is configured to POST messages to.</summary>
    public string MessagesUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost(Path, ReceiveAsync);
        await _app.StartAsync();
        MessagesUrl = _app.Urls.Single() + Path;
    }

    /// <summary>Every request to <paramref name="recipient"/>, in arrival order, whatever it was answered.</summary>
    public IReadOnlyList<ReceivedMessage> To(string recipient) => [.. _received.Where(message => message.Recipient == recipient)];

    /// <summary>Answers the next <paramref name="count"/> requests to <paramref name="recipient"/> with <paramref name="status"/>.</summary>
    public void FailNext(string recipient, int count, int status = StatusCodes.Status503ServiceUnavailable) =>
        _failures[recipient] = new FailurePlan(count, status);

    public void FailAlways(string recipient, int status = StatusCodes.Status500InternalServerError) =>
        _failures[recipient] = new FailurePlan(int.MaxValue, status);

    /// <summary>Holds every request to <paramref name="recipient"/> this long before answering: a slow channel.</summary>
    public void Delay(string recipient, TimeSpan latency) => _latencies[recipient] = latency;

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        var recipient = body.GetProperty("recipient").GetString() ?? "";
        var status = NextStatusFor(recipient);
        _received.Enqueue(new ReceivedMessage(
            request.Headers["X-Idempotency-Key"].ToString(),
            body.GetProperty("senderKey").GetString(),
            body.GetProperty("templateCode").GetString(),
            recipient,
            body.GetProperty("message").GetString(),
            status));
        if (_latencies.TryGetValue(recipient, out var latency))
        {
            await Task.Delay(latency);
        }

        return status == StatusCodes.Status200OK
            ? Results.Ok(new { result = "accepted" })
            : Results.Problem(statusCode: status, title: "Scripted failure");
    }

    private int NextStatusFor(string recipient)
    {
        while (_failures.TryGetValue(recipient, out var plan) && plan.Remaining > 0)
        {
            if (_failures.TryUpdate(recipient, plan with { Remaining = plan.Remaining - 1 }, plan))
            {
                return plan.Status;
            }
        }

        return StatusCodes.Status200OK;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed record FailurePlan(int Remaining, int Status);
}

/// <summary>One request as the fake endpoint saw it, and the status it answered.</summary>
public sealed record ReceivedMessage(
    string IdempotencyKey, string? SenderKey, string? TemplateCode, string Recipient, string? Message, int AnsweredStatus)
{
    public bool Accepted => AnsweredStatus == StatusCodes.Status200OK;
}
