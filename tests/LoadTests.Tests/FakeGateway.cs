using Accommodation.LoadTests.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoadTests.Tests;

/// <summary>
/// The few gateway endpoints the scenarios use, in memory: rooms, reservations (one live reservation per night unless
/// <see cref="DoubleBooks"/>), pay, cancel, the nights of a room and the room view. A room's first reservation answers
/// 422, as reservation does while its catalog has not caught up.
/// </summary>
internal sealed class FakeGateway
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _rooms = [];
    private readonly HashSet<string> _caughtUp = [];
    private readonly List<ReservationView> _reservations = [];

    /// <summary>Lets overlapping reservations through, as a broken reservation service would.</summary>
    public bool DoubleBooks { get; init; }

    public void Map(WebApplication app)
    {
        app.MapPost("/api/rooms", (RoomBody room) =>
        {
            lock (_lock)
            {
                return _rooms.Add(room.Number) ? Results.Created($"/api/rooms/{room.Number}", room) : Results.Conflict();
            }
        });
        app.MapPost("/api/reservations", Reserve);
        app.MapPost("/api/reservations/{number}/cancel", (string number) => Change(number, "Cancelled"));
        app.MapPost("/api/reservations/{number}/pay", (string number) => Change(number, "Confirmed"));
        app.MapGet("/api/reservations", (string customerId, int pageIndex, int pageSize) =>
        {
            lock (_lock)
            {
                var mine = _reservations.Where(reservation => reservation.CustomerId == customerId).ToList();
                return Results.Ok(new { pageIndex, pageSize, count = mine.Count, data = mine.Skip(pageIndex * pageSize).Take(pageSize) });
            }
        });
        app.MapGet("/api/rooms/{number}/nights", (string number, DateOnly from, DateOnly to) =>
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
        app.MapGet("/api/roominfos", () =>
        {
            lock (_lock)
            {
                return Results.Ok(_rooms.Select(number => new { number }).ToList());
            }
        });
        app.MapGet("/api/roominfos/{number}", (string number) =>
        {
            lock (_lock)
            {
                return _rooms.Contains(number) ? Results.Ok(new { number }) : Results.NotFound();
            }
        });
        app.MapGet("/api/roominfos/{number}/availability", (string number) => Results.Ok(new { number }));
    }

    private async Task<IResult> Reserve(ReserveBody body)
    {
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

            var reservation = new ReservationView($"R-{_reservations.Count + 1}", body.CustomerId, body.RoomNumber, body.CheckIn, body.CheckOut, "Held");
            _reservations.Add(reservation);
            return Results.Created($"/api/reservations/{reservation.Number}", reservation);
        }
    }

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

    private sealed record ReserveBody(string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut);
}
