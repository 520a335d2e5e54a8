using System.Collections.Concurrent;
using System.Text.Json;
using Accommodation.Bench.Baselines;
using Accommodation.Bench.Measurements;
using Accommodation.Hosting.Networking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bench.Tests;

/// <summary>The generated script, run by the real wrk against a loopback server that records every request.</summary>
public sealed class ReservationScriptTests
{
    private static readonly DateOnly FirstNight = new(2026, 11, 27);

    // 1000 rooms × 358 nights: far more stays than wrk sends in a second to a recorder (50k once measured here).
    private static readonly string[] Rooms = [.. Enumerable.Range(0, 1000).Select(i => $"R{i:00}")];

    [Fact]
    public async Task Wrk_sends_create_reservation_requests_for_distinct_nights_from_the_first_stay_on()
    {
        var received = new ConcurrentBag<(string? Authorization, string Body)>();
        var port = FreePort.Find();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var server = builder.Build();
        server.MapPost("/api/v1/reservations", async (HttpRequest request) =>
        {
            received.Add((request.Headers.Authorization, await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.Created();
        });
        await server.StartAsync();
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, ReservationScript.Lua(Rooms, FirstNight, first: 5, threads: 2, token: "t0ken"));

        var result = await Wrk.RunAsync(new Uri($"http://127.0.0.1:{port}"),
            new WrkOptions { Threads = 2, Connections = 4, Duration = TimeSpan.FromSeconds(1), ScriptFile = script }, CancellationToken.None);
        File.Delete(script);

        Assert.True(result.Requests > 10, $"wrk sent {result.Requests} requests");
        Assert.All(received, request => Assert.Equal("Bearer t0ken", request.Authorization));
        var stays = received.Select(request => JsonDocument.Parse(request.Body).RootElement)
            .Select(body => (Room: body.GetProperty("roomNumber").GetString(), CheckIn: DateOnly.Parse(body.GetProperty("checkIn").GetString()!), CheckOut: DateOnly.Parse(body.GetProperty("checkOut").GetString()!)))
            .ToList();
        Assert.Equal(stays.Count, stays.Distinct().Count());
        Assert.All(stays, stay => Assert.Equal(stay.CheckIn.AddDays(1), stay.CheckOut));
        // From stay 5 on (R05's first night); wrk's thread start takes one request of each thread and sends it never.
        Assert.Contains(("R07", FirstNight, FirstNight.AddDays(1)), stays);
        Assert.DoesNotContain(stays, stay => stay.CheckIn == FirstNight && string.CompareOrdinal(stay.Room, "R05") < 0);
    }

    [Fact]
    public async Task Wrk_pays_each_held_reservation_in_turn_with_the_customers_token()
    {
        var paid = new ConcurrentBag<(string Number, string? Authorization)>();
        var port = FreePort.Find();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var server = builder.Build();
        server.MapPost("/api/v1/reservations/{number}/pay", (string number, HttpRequest request) =>
        {
            paid.Add((number, request.Headers.Authorization));
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await server.StartAsync();
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, ReservationScript.PayLua(["R-1", "R-2", "R-3"], token: "t0ken"));

        var result = await Wrk.RunAsync(new Uri($"http://127.0.0.1:{port}"),
            new WrkOptions { Threads = 1, Connections = 2, Duration = TimeSpan.FromSeconds(1), ScriptFile = script }, CancellationToken.None);
        File.Delete(script);

        // Every answer was the fallback's 503: wrk counts them, and nothing else was asked for.
        Assert.Equal(result.Requests, result.Non2xx);
        Assert.Equal(["R-1", "R-2", "R-3"], paid.Select(payment => payment.Number).Distinct().Order());
        Assert.All(paid, payment => Assert.Equal("Bearer t0ken", payment.Authorization));
    }
}
