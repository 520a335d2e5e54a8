using System.Collections.Concurrent;
using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Accommodation.Gateway.Tests;

/// <summary>
/// The real gateway in front of a stand-in room service on a loopback port, which records what reached it and answers
/// with the headers a careless service might send.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string WebAppOrigin = "http://127.0.0.1:5173";

    private LoopbackServer? _room;

    /// <summary>The bodies' lengths of the requests that reached the room service.</summary>
    public ConcurrentQueue<long> ReachedRoom { get; } = new();

    public async Task InitializeAsync()
    {
        _room = await LoopbackServer.StartAsync(app =>
        {
            app.Map("/api/rooms/{**rest}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                ReachedRoom.Enqueue(body.Length);
                context.Response.Headers.Server = "Kestrel";
                context.Response.Headers["X-Powered-By"] = "ASP.NET";
                return Results.Ok(new { number = "101" });
            });
            app.MapGet("/openapi/v1.json", () => Results.Json(new { openapi = "3.1.1", info = new { title = "Room.Api" } }));
        });
        // Kestrel, not the in-memory test server: the body limit and the Server header are Kestrel's.
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("services:room:http:0", _room!.BaseAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Gateway:MaxRequestBodySize", "1024");
        builder.UseSetting("Gateway:CorsOrigins:0", WebAppOrigin);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_room is not null)
        {
            await _room.DisposeAsync();
        }
    }
}
