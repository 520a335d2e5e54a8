using System.Collections.Concurrent;
using System.Text.Json;
using Accommodation.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Accommodation.Reservations.Tests.Functional;

public enum PaymentAnswer
{
    Approve,
    Decline,
    Fail,

    /// <summary>503 with Retry-After: 30, as a busy payment (or the balancer with no replica up) answers.</summary>
    Busy,
}

/// <summary>
/// A stand-in for the payment service on a real port: answers as scripted per reservation and records every call. It
/// checks tokens as the real one does (audience payment, scope payment.pay; others get 401 or 403, and are no call), and
/// plays identity's token endpoint too, giving reservation's client credentials a token for payment.
/// </summary>
public sealed class FakePaymentService : IAsyncDisposable
{
    public const string ClientId = "reservation";
    public const string ClientSecret = "reservation-test-secret";

    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentQueue<PaymentCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PaymentAnswer>> _scripts = new();
    private readonly ConcurrentDictionary<string, object> _approved = new();
    private readonly ConcurrentQueue<string> _issued = new();
    private readonly ConcurrentDictionary<string, bool> _revoked = new();
    private int _refusedPayments;
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    /// <summary>Where reservation asks for its token (Identity:TokenEndpoint).</summary>
    public string TokenEndpoint => $"{Url}/connect/token";

    /// <summary>How long every answer takes, as a real gateway would.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>When set, the token endpoint refuses every client (400 invalid_client), as identity does a wrong secret.</summary>
    public bool RefuseClients { get; set; }

    /// <summary>Tokens the token endpoint gave out.</summary>
    public int TokensIssued => _issued.Count;

    /// <summary>Payment requests refused for their token (401 or 403).</summary>
    public int RefusedPayments => Volatile.Read(ref _refusedPayments);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // The real payment's token checks: the shared service authentication, trusting the test key.
        builder.AddServiceAuthentication("payment");
        builder.Services.AcceptTestTokens();
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (_revoked.ContainsKey(((JsonWebToken)context.SecurityToken).EncodedToken))
                    {
                        context.Fail("The token was revoked.");
                    }

                    return Task.CompletedTask;
                },
            });
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path.StartsWithSegments("/api/v1/payments")
                && context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            {
                Interlocked.Increment(ref _refusedPayments);
            }
        });
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapPost("/api/v1/payments", HandleAsync).RequireAuthorization(AccessPolicies.PaymentPay);
        _app.MapPost("/connect/token", IssueToken).AllowAnonymous();
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>The answers the next calls for <paramref name="reservationNumber"/> get, in order; after them, approval.</summary>
    public void Script(string reservationNumber, params PaymentAnswer[] answers) =>
        _scripts[reservationNumber] = new ConcurrentQueue<PaymentAnswer>(answers);

    public IReadOnlyList<PaymentCall> CallsFor(string reservationNumber) =>
        [.. _calls.Where(call => call.ReservationNumber == reservationNumber)];

    /// <summary>Every token given out so far is refused from now on (401), as after identity's keys change.</summary>
    public void RevokeIssuedTokens()
    {
        foreach (var token in _issued)
        {
            _revoked[token] = true;
        }
    }

    private IResult IssueToken(HttpRequest request)
    {
        var form = request.Form;
        if (RefuseClients || form["grant_type"] != "client_credentials" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!form["scope"].ToString().Split(' ').Contains(AccessPolicies.PaymentPay))
        {
            return Results.Json(new { error = "invalid_scope" }, statusCode: StatusCodes.Status400BadRequest);
        }

        // TestTokens.Service(ClientId, "payment", "payment.pay"), a second longer each time: an RS256 signature of the
        // same claims is the same, and a token revoked must not come back as the "new" one.
        var token = TestTokens.Create(new TokenSpec(ClientId, "payment")
        {
            Scopes = [AccessPolicies.PaymentPay],
            ClientId = ClientId,
            Lifetime = TokenLifetime + TimeSpan.FromSeconds(_issued.Count),
        });
        _issued.Enqueue(token);
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)TokenLifetime.TotalSeconds });
    }

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
            PaymentAnswer.Busy => Busy(request.HttpContext),
            _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The payment gateway failed."),
        };
    }

    private static IResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "30";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Payment is busy.");
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
