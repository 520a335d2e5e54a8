using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Accommodation.Reservations.Tests.Functional;

public enum PaymentAnswer
{
    Approve,
    Decline,
    Fail,
}

/// <summary>A stand-in for the payment service on a real port: answers as scripted per reservation and records every call.</summary>
public sealed class FakePaymentService : IAsyncDisposable
{
    private readonly ConcurrentQueue<PaymentCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PaymentAnswer>> _scripts = new();
    private readonly ConcurrentDictionary<string, object> _approved = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    /// <summary>How long every answer takes, as a real gateway would.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/payments", HandleAsync);
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>The answers the next calls for <paramref name="reservationNumber"/> get, in order; after them, approval.</summary>
    public void Script(string reservationNumber, params PaymentAnswer[] answers) =>
        _scripts[reservationNumber] = new ConcurrentQueue<PaymentAnswer>(answers);

    public IReadOnlyList<PaymentCall> CallsFor(string reservationNumber) =>
        [.. _calls.Where(call => call.ReservationNumber == reservationNumber)];

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        var call = new PaymentCall(
            request.Headers["Idempotency-Key"].ToString(),
            body.GetProperty("reservationNumber").GetString()!,
            body.GetProperty("customerId").GetString()!,
            body.GetProperty("amount").GetDecimal());
        _calls.Enqueue(call);
        await Task.Delay(Latency);

        var answer = _scripts.TryGetValue(call.ReservationNumber, out var script) && script.TryDequeue(out var next)
            ? next
            : PaymentAnswer.Approve;
        return answer switch
        {
            // The same key approved again answers with the stored payment, as the real service does.
            PaymentAnswer.Approve => Results.Json(_approved.GetOrAdd(call.IdempotencyKey, _ => new
            {
                paymentId = Guid.NewGuid(),
                reservationNumber = call.ReservationNumber,
                customerId = call.CustomerId,
                amount = call.Amount,
                status = "Approved",
                approvedAt = DateTimeOffset.UtcNow,
            }), statusCode: StatusCodes.Status201Created),
            PaymentAnswer.Decline => Results.Problem(statusCode: StatusCodes.Status402PaymentRequired,
                title: "Payment declined.", detail: "The card issuer declined the charge."),
            _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The payment gateway failed."),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed record PaymentCall(string IdempotencyKey, string ReservationNumber, string CustomerId, decimal Amount);
