using System.Collections.Concurrent;
using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Accommodation.Gateway.Tests;

/// <summary>
/// The real gateway on Kestrel in front of one stand-in for every service on a loopback port, which records what
/// reached it and answers with the headers a careless service might send. Tokens are the tests' own (<see cref="TestTokens"/>).
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string WebAppOrigin = "http://127.0.0.1:5173";

    private static readonly string[] StandIns = ["room", "roomview", "reservation", "payment", "notification", "identity", "web"];

    private LoopbackServer? _services;

    /// <summary>The bodies' lengths of the requests that reached the room service.</summary>
    public ConcurrentQueue<long> ReachedRoom { get; } = new();

    /// <summary>"METHOD /path" of every request that reached a service.</summary>
    public ConcurrentQueue<string> Reached { get; } = new();

    /// <summary>Settings a test class's own gateway changes (e.g. smaller rate limits).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _services = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/openapi/v1.json", () => Results.Json(new { openapi = "3.1.1", info = new { title = "Room.Api" } }));
            app.Map("/{**rest}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                Reached.Enqueue($"{context.Request.Method} {context.Request.Path}");
                if (context.Request.Path.StartsWithSegments("/api/v1/rooms"))
                {
                    ReachedRoom.Enqueue(body.Length);
                }

                context.Response.Headers.Server = "Kestrel";
                context.Response.Headers["X-Powered-By"] = "ASP.NET";
                return Results.Ok(new { number = "101" });
            });
        });
        // Kestrel, not the in-memory test server: the body limit and the Server header are Kestrel's.
        UseKestrel(0);
        StartServer();
    }

    /// <summary>A client whose requests carry a customer's token (valid for every service).</summary>
    public HttpClient CreateClient(string token) => CreateClient().UseBearer(token);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var service in StandIns)
        {
            builder.UseSetting($"services:{service}:http:0", _services!.BaseAddress.ToString().TrimEnd('/'));
        }

        builder.UseSetting("Gateway:MaxRequestBodySize", "1024");
        builder.UseSetting("Gateway:CorsOrigins:0", WebAppOrigin);
        // Hundreds of requests from one address; GatewayRateLimitTests has its own gateway with small limits.
        builder.UseSetting("Gateway:RateLimits:PerIp", "100000");
        builder.UseSetting("Gateway:RateLimits:PerUser", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AcceptTestTokens());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
