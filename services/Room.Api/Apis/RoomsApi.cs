using System.ComponentModel.DataAnnotations;
using Accommodation.Rooms.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.Rooms.Api.Apis;

/// <summary>
/// The rooms API. Anyone may browse rooms and their nights; only a manager registers, changes or checks out a room.
/// A route's room number is checked like a request field, against the whole value: the domain's pattern ends in $,
/// which also matches before a final newline.
/// </summary>
public static class RoomsApi
{
    public static RouteGroupBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/rooms").WithTags("Rooms").ProducesValidationProblem();

        api.MapPost("/", RegisterRoom)
            .WithName(nameof(RegisterRoom))
            .WithSummary("Register a room")
            .RequireManager()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListRooms)
            .WithName(nameof(ListRooms))
            .WithSummary("List rooms by number, one page at a time, each with tonight's status")
            .AllowAnonymous();
        api.MapGet("/{number}", GetRoom)
            .WithName(nameof(GetRoom))
            .WithSummary("Get a room with tonight's status")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{number}", ChangeRoom)
            .WithName(nameof(ChangeRoom))
            .WithSummary("Change a room's name and/or price per night; give the version you read to refuse lost updates")
            .RequireManager()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{number}/nights", GetRoomNights)
            .WithName(nameof(GetRoomNights))
            .WithSummary("Each night's status in [from, to), at most 90 nights")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{number}/check-out", CheckOutRoom)
            .WithName(nameof(CheckOutRoom))
            .WithSummary("Check out the confirmed stay that occupies the room today")
            .RequireManager()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    public static async Task<Results<Created<RoomResponse>, ProblemHttpResult>> RegisterRoom(
        RegisterRoomRequest request, IRoomRepository rooms, IRoomReservationRepository reservations, HotelClock clock,
        CancellationToken cancellationToken)
    {
        var number = RoomNumber.Parse(request.Number);
        if (await rooms.ExistsAsync(number, cancellationToken))
        {
            return TypedResults.Problem(RoomProblems.AlreadyRegistered(number));
        }

        var room = Room.Register(number, request.Type!.Value, request.Name!, request.PricePerNight!.Value, clock.Now);
        rooms.Add(room);
        await rooms.SaveChangesAsync(cancellationToken);

        return TypedResults.Created($"/api/v1/rooms/{Uri.EscapeDataString(room.Number.Value)}",
            await WithStatusTonightAsync(room, reservations, clock, cancellationToken));
    }

    public static async Task<Ok<PaginatedItems<RoomResponse>>> ListRooms(
        [AsParameters] PaginationRequest page, IRoomRepository rooms, IRoomReservationRepository reservations, HotelClock clock,
        CancellationToken cancellationToken)
    {
        var count = await rooms.CountAsync(cancellationToken);
        var items = await rooms.ListAsync(page.PageIndex, page.PageSize, cancellationToken);
        var held = await reservations.HeldRoomsAsync([.. items.Select(room => room.Number)], clock.Today, cancellationToken);
        return TypedResults.Ok(new PaginatedItems<RoomResponse>(page.PageIndex, page.PageSize, count,
            [.. items.Select(room => RoomResponse.From(room, held.Contains(room.Number) ? Availability.Unavailable : Availability.Available))]));
    }

    public static async Task<Results<Ok<RoomResponse>, ProblemHttpResult>> GetRoom(
        [RegularExpression(RoomNumber.Pattern, ErrorMessage = RoomNumber.Rule)] string number,
        IRoomRepository rooms, IRoomReservationRepository reservations, HotelClock clock, CancellationToken cancellationToken)
    {
        var roomNumber = RoomNumber.Parse(number);
        return await rooms.FindAsync(roomNumber, cancellationToken) is { } room
            ? TypedResults.Ok(await WithStatusTonightAsync(room, reservations, clock, cancellationToken))
            : TypedResults.Problem(RoomProblems.NotFound(roomNumber));
    }

    public static async Task<Results<Ok<RoomResponse>, ProblemHttpResult>> ChangeRoom(
        [RegularExpression(RoomNumber.Pattern, ErrorMessage = RoomNumber.Rule)] string number,
        ChangeRoomRequest request, IRoomRepository rooms, IRoomReservationRepository reservations, HotelClock clock,
        CancellationToken cancellationToken)
    {
        var roomNumber = RoomNumber.Parse(number);
        if (await rooms.FindAsync(roomNumber, cancellationToken) is not { } room)
        {
            return TypedResults.Problem(RoomProblems.NotFound(roomNumber));
        }

        if (request.Version is { } expectedVersion && expectedVersion != room.Version)
        {
            return TypedResults.Problem(RoomProblems.VersionMismatch(roomNumber, expectedVersion, room.Version));
        }

        if (room.Change(request.Name, request.PricePerNight, clock.Now))
        {
            await rooms.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await WithStatusTonightAsync(room, reservations, clock, cancellationToken));
    }

    public static async Task<Results<Ok<RoomNightsResponse>, ProblemHttpResult>> GetRoomNights(
        [RegularExpression(RoomNumber.Pattern, ErrorMessage = RoomNumber.Rule)] string number,
        [AsParameters] NightsRequest range, IRoomRepository rooms, IRoomReservationRepository reservations,
        CancellationToken cancellationToken)
    {
        var roomNumber = RoomNumber.Parse(number);
        if (!await rooms.ExistsAsync(roomNumber, cancellationToken))
        {
            return TypedResults.Problem(RoomProblems.NotFound(roomNumber));
        }

        var (from, to) = (range.From!.Value, range.To!.Value);
        var held = await reservations.HeldNightsAsync(roomNumber, from, to, cancellationToken);
        var nights = Enumerable.Range(0, to.DayNumber - from.DayNumber)
            .Select(from.AddDays)
            .Select(night => new RoomNightResponse(night, held.Contains(night) ? Availability.Unavailable : Availability.Available))
            .ToList();
        return TypedResults.Ok(new RoomNightsResponse(roomNumber.Value, from, to, nights));
    }

    public static async Task<Results<Accepted<RoomCheckOutResponse>, ProblemHttpResult>> CheckOutRoom(
        [RegularExpression(RoomNumber.Pattern, ErrorMessage = RoomNumber.Rule)] string number,
        IRoomRepository rooms, IRoomReservationRepository reservations, HotelClock clock, CancellationToken cancellationToken)
    {
        var roomNumber = RoomNumber.Parse(number);
        if (await rooms.FindAsync(roomNumber, cancellationToken) is not { } room)
        {
            return TypedResults.Problem(RoomProblems.NotFound(roomNumber));
        }

        var today = clock.Today;
        if (await reservations.FindStayToCheckOutAsync(roomNumber, today, cancellationToken) is not { } stay)
        {
            return TypedResults.Problem(RoomProblems.NoStayToCheckOut(roomNumber, today));
        }

        var now = clock.Now;
        room.CheckOut(stay, today, now);
        await rooms.SaveChangesAsync(cancellationToken);

        // Accepted, not done: the reservation context closes the reservation when RoomCheckedOut reaches it.
        return TypedResults.Accepted($"/api/v1/rooms/{Uri.EscapeDataString(room.Number.Value)}",
            new RoomCheckOutResponse(room.Number.Value, stay.ReservationNumber, now));
    }

    // A missing or invalid token is 401, a valid one without the manager role 403, both as problem details.
    private static RouteHandlerBuilder RequireManager(this RouteHandlerBuilder endpoint) => endpoint
        .RequireAuthorization(AccessPolicies.Manager)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<RoomResponse> WithStatusTonightAsync(
        Room room, IRoomReservationRepository reservations, HotelClock clock, CancellationToken cancellationToken)
    {
        var held = await reservations.HeldRoomsAsync([room.Number], clock.Today, cancellationToken);
        return RoomResponse.From(room, held.Count > 0 ? Availability.Unavailable : Availability.Available);
    }
}
