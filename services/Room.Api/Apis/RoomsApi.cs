using Accommodation.Rooms.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.Rooms.Api.Apis;

public static class RoomsApi
{
    public static RouteGroupBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/rooms").WithTags("Rooms").ProducesValidationProblem();

        api.MapPost("/", RegisterRoom)
            .WithName(nameof(RegisterRoom))
            .WithSummary("Register a room")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListRooms)
            .WithName(nameof(ListRooms))
            .WithSummary("List rooms by number, one page at a time");
        api.MapGet("/{number}", GetRoom)
            .WithName(nameof(GetRoom))
            .WithSummary("Get a room")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{number}", ChangeRoom)
            .WithName(nameof(ChangeRoom))
            .WithSummary("Change a room's name and/or price per night; give the version you read to refuse lost updates")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    public static async Task<Results<Created<RoomResponse>, ProblemHttpResult>> RegisterRoom(
        RegisterRoomRequest request, IRoomRepository rooms, TimeProvider clock, CancellationToken cancellationToken)
    {
        var number = RoomNumber.Parse(request.Number);
        if (await rooms.ExistsAsync(number, cancellationToken))
        {
            return TypedResults.Problem(RoomProblems.AlreadyRegistered(number));
        }

        var room = Room.Register(number, request.Type!.Value, request.Name!, request.PricePerNight!.Value, clock.GetUtcNow());
        rooms.Add(room);
        await rooms.SaveChangesAsync(cancellationToken);

        return TypedResults.Created($"/api/rooms/{Uri.EscapeDataString(room.Number.Value)}", RoomResponse.From(room));
    }

    public static async Task<Ok<PaginatedItems<RoomResponse>>> ListRooms(
        [AsParameters] PaginationRequest page, IRoomRepository rooms, CancellationToken cancellationToken)
    {
        var count = await rooms.CountAsync(cancellationToken);
        var items = await rooms.ListAsync(page.PageIndex, page.PageSize, cancellationToken);
        return TypedResults.Ok(new PaginatedItems<RoomResponse>(page.PageIndex, page.PageSize, count, [.. items.Select(RoomResponse.From)]));
    }

    public static async Task<Results<Ok<RoomResponse>, ProblemHttpResult>> GetRoom(
        string number, IRoomRepository rooms, CancellationToken cancellationToken)
    {
        var roomNumber = RoomNumber.Parse(number);
        return await rooms.FindAsync(roomNumber, cancellationToken) is { } room
            ? TypedResults.Ok(RoomResponse.From(room))
            : TypedResults.Problem(RoomProblems.NotFound(roomNumber));
    }

    public static async Task<Results<Ok<RoomResponse>, ProblemHttpResult>> ChangeRoom(
        string number, ChangeRoomRequest request, IRoomRepository rooms, TimeProvider clock, CancellationToken cancellationToken)
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

        if (room.Change(request.Name, request.PricePerNight, clock.GetUtcNow()))
        {
            await rooms.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(RoomResponse.From(room));
    }
}
