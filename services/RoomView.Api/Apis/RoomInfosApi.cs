using Accommodation.RoomView.Api.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.RoomView.Api.Apis;

public static class RoomInfosApi
{
    public static RouteGroupBuilder MapRoomInfosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/roominfos").WithTags("RoomInfos");

        api.MapGet("/", ListRoomInfos)
            .WithName(nameof(ListRoomInfos))
            .WithSummary("List every room as customers see it, by number");
        api.MapGet("/{number}", GetRoomInfo)
            .WithName(nameof(GetRoomInfo))
            .WithSummary("Get one room as customers see it")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static async Task<Ok<IReadOnlyList<RoomInfo>>> ListRoomInfos(IRoomInfoStore roomInfos) =>
        TypedResults.Ok(await roomInfos.ListAsync());

    public static async Task<Results<Ok<RoomInfo>, ProblemHttpResult>> GetRoomInfo(string number, IRoomInfoStore roomInfos)
    {
        // The room context stores numbers upper-case, so "a-101" means the same room as "A-101".
        var normalized = number.ToUpperInvariant();
        return await roomInfos.FindAsync(normalized) is { } roomInfo
            ? TypedResults.Ok(roomInfo)
            : TypedResults.Problem(
                title: "Room not found.",
                detail: $"No room with number {normalized} has reached the room view.",
                statusCode: StatusCodes.Status404NotFound);
    }
}
