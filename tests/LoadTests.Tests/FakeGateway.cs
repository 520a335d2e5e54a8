using Accommodation.LoadTests.Access;
using Accommodation.LoadTests.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoadTests.Tests;

/// <summary>
/// The few gateway endpoints the scenarios use, in memory: rooms, reservations (one live reservation per night unless
/// <see cref="DoubleBooks"/>), pay, cancel, the nights of a room, the room view and payments. A room's first reservation
/// answers 422, as reservation does while its catalog has not caught up. With an <see cref="AppHost"/>, pay behaves as
/// reservation in front of a busy payment does: every other pay answers 503 "pay later" (with the breaker on, without
/// calling payment), and a service the AppHost has restarted answers the balancer's 503 until it is back.
/// </summary>
internal sealed class FakeGateway
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _rooms = [];
    private readonly HashSet<string> _caughtUp = [];
    private readonly List<ReservationView> _reservations = [];
    private long _pays;

    /// <summary>Lets overlapping reservations through, as a broken reservation service would.</summary>
    public bool DoubleBooks { get; init; }

    public FakeAppHost? AppHost { get; init; }

    public void Map(WebApplication app)
    {
        // Identity's token endpoint, as the load-test client uses it: the token names the customer (or the client) in clear.
        app.MapPost("/connect/token", (HttpRequest request) =>
        {
            var form = request.Form;
            if (form["grant_type"] != "client_credentials" || form["client_id"] != ClientCredentials.Development.ClientId
                || form["client_secret"] != ClientCredentials.Development.Secret)
            {
                return Results.BadRequest(new { error = "invalid_client" });
            }

            var subject = form["customer_id"].ToString() is { Length: > 0 } customer ? customer : ClientCredentials.Development.ClientId;
            return Results.Ok(new { access_token = TokenPrefix + subject, token_type = "Bearer", expires_in = 900 });
        }).DisableAntiforgery();
        app.MapPost("/api/v1/rooms", (RoomBody room) =>
        {
            lock (_lock)
            {
                return _rooms.Add(room.Number) ? Results.Created($"/api/v1/rooms/{room.Number}", room) : Results.Conflict();
            }
        });
        app.MapPost("/api/v1/reservations", Reserve);
        app.MapPost("/api/v1/reservations/{number}/cancel", (string number) => Change(number, "Cancelled"));
        app.MapPost("/api/v1/reservations/{number}/pay", async (string number, HttpContext context) =>
            Owner(number) is { } owner && owner != Caller(context) ? Results.NotFound() : await PayAsync(number, context.Response));
        app.MapGet("/api/v1/reservations/{number}", (string number) =>
        {
            lock (_lock)
            {
                return AppHost?.IsDown("reservation") == true ? NoReplica("reservation")
                    : _reservations.Find(reservation => reservation.Number == number) is { } found ? Results.Ok(found)
                    : Results.NotFound();
            }
        });
        app.MapGet("/api/v1/payments", (string reservationNumber) =>
        {
            if (AppHost?.IsDown("payment") == true)
            {
                return NoReplica("payment");
            }

            AppHost?.CountRequest("payment");
            return Results.Ok(new[] { new { reservationNumber, status = "Approved" } });
        });
        app.MapGet("/api/v1/reservations", (string customerId, int pageIndex, int pageSize) =>
        {
            lock (_lock)
            {
                var mine = _reservations.Where(reservation => reservation.CustomerId == customerId).ToList();
                return Results.Ok(new { pageIndex, pageSize, count = mine.Count, data = mine.Skip(pageIndex * pageSize).Take(pageSize) });
            }
        });
        app.MapGet("/api/v1/rooms/{number}/nights", (string number, DateOnly from, DateOnly to) =>
        {
            lock (_lock)
            {
                var nights = Enumerable.Range(0, to.DayNumber - from.DayNumber).Select(from.AddDays).Select(night => new
                {
                    night,
                    status = _reservations.Any(reservation => reservation.RoomNumber == number && reservation.IsLive && reservation.Covers(night))
                        ? "Unavailable"
                        : "Available",
                });
                return Results.Ok(new { number, from, to, nights = nights.ToList() });
            }
        });
        app.MapGet("/api/v1/roominfos", () =>
        {
            lock (_lock)
            {
                return Results.Ok(_rooms.Select(number => new { number }).ToList());
            }
        });
        app.MapGet("/api/v1/roominfos/{number}", (string number) =>
        {
            lock (_lock)
            {
                return _rooms.Contains(number) ? Results.Ok(new { number }) : Results.NotFound();
            }
        });
        app.MapGet("/api/v1/roominfos/{number}/availability", (string number) => Results.Ok(new { number }));
    }

    private async Task<IResult> Reserve(ReserveBody body, HttpContext context)
    {
        if (Caller(context) is not { } customer)
        {
            return Results.Unauthorized();
        }

        // As long as a database insert takes, so a storm of a second makes hundreds of reservations, not tens of thousands.
        await Task.Delay(5);
        lock (_lock)
        {
            if (!_rooms.Contains(body.RoomNumber) || _caughtUp.Add(body.RoomNumber))
            {
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown room.");
            }

            var overlaps = _reservations.Any(reservation => reservation.RoomNumber == body.RoomNumber && reservation.IsLive
                && reservation.CheckIn < body.CheckOut && body.CheckIn < reservation.CheckOut);
            if (overlaps && !DoubleBooks)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Room not available for those nights.");
            }

            var reservation = new ReservationView($"R-{_reservations.Count + 1}", customer, body.RoomNumber, body.CheckIn, body.CheckOut, "Held");
            _reservations.Add(reservation);
            return Results.Created($"/api/v1/reservations/{reservation.Number}", reservation);
        }
    }

    private async Task<IResult> PayAsync(string number, HttpResponse response)
    {
        await Task.Delay(10);
        if (AppHost is null)
        {
            return Change(number, "Confirmed");
        }

        var busy = Interlocked.Increment(ref _pays) % 2 == 0;
        if (AppHost.BreakerOff || !busy)
        {
            AppHost.CountRequest("payment");
        }

        if (busy)
        {
            response.Headers.RetryAfter = "0";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Payment busy, pay again later.");
        }

        return Change(number, "Confirmed");
    }

    /// <summary>What the AppHost's balancer answers while no replica of a service is healthy.</summary>
    private static IResult NoReplica(string service) => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: $"No replica of '{service}' is healthy right now.");

    private IResult Change(string number, string status)
    {
        lock (_lock)
        {
            var index = _reservations.FindIndex(reservation => reservation.Number == number);
            if (index < 0)
            {
                return Results.NotFound();
            }

            _reservations[index] = _reservations[index] with { Status = status };
            return Results.Ok(_reservations[index]);
        }
    }

    private sealed record RoomBody(string Number);

    private const string TokenPrefix = "fake-token-of-";

    /// <summary>Who sends the request: the subject of its bearer token, as the services read it.</summary>
    private static string? Caller(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith($"Bearer {TokenPrefix}", StringComparison.Ordinal)
            ? header[$"Bearer {TokenPrefix}".Length..]
            : null;

    private string? Owner(string number)
    {
        lock (_lock)
        {
            return _reservations.Find(reservation => reservation.Number == number)?.CustomerId;
        }
    }

    private sealed record ReserveBody(string RoomNumber, DateOnly CheckIn, DateOnly CheckOut);
}
