using System.ComponentModel.DataAnnotations;
using Accommodation.RoomView.Api.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.RoomView.Api.Apis;

/// <summary>Rooms as customers browse them, and their availability: public, no token needed.</summary>
public static class RoomInfosApi
{
    // The room context's rule for a number, so one that cannot exist is the client's 400, not a 404.
    public const string RoomNumberPattern = "^[A-Za-z0-9-]{1,10}$";
    public const string RoomNumberRule = "A room number is 1 to 10 letters, digits or hyphens.";

    public static RouteGroupBuilder MapRoomInfosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/roominfos").WithTags("RoomInfos").AllowAnonymous().ProducesValidationProblem();

        api.MapGet("/", ListRoomInfos)
            .WithName(nameof(ListRoomInfos))
            .WithSummary("List every room as customers see it, by number");
        api.MapGet("/{number}", GetRoomInfo)
            .WithName(nameof(GetRoomInfo))
            .WithSummary("Get one room as customers see it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{number}/availability", GetRoomAvailability)
            .WithName(nameof(GetRoomAvailability))
            .WithSummary("Whether the room can be reserved for each night in [from, to), at most 90 nights")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static async Task<Ok<IReadOnlyList<RoomInfo>>> ListRoomInfos(IRoomInfoStore roomInfos) =>
        TypedResults.Ok(await roomInfos.ListAsync());

    public static async Task<Results<Ok<RoomInfo>, ProblemHttpResult>> GetRoomInfo(
        [RegularExpression(RoomNumberPattern, ErrorMessage = RoomNumberRule)] string number, IRoomInfoStore roomInfos)
    {
        // The room context stores numbers upper-case, so "a-101" means the same room as "A-101".
        var normalized = number.ToUpperInvariant();
        return await roomInfos.FindAsync(normalized) is { } roomInfo
            ? TypedResults.Ok(roomInfo)
            : RoomNotFound(normalized);
    }

    public static async Task<Results<Ok<RoomAvailability>, ProblemHttpResult>> GetRoomAvailability(
        [RegularExpression(RoomNumberPattern, ErrorMessage = RoomNumberRule)] string number, [AsParameters] NightsRequest range,
        IRoomInfoStore roomInfos, IReservationViewStore reservations)
    {
        var normalized = number.ToUpperInvariant();
        if (await roomInfos.FindAsync(normalized) is null)
        {
            return RoomNotFound(normalized);
        }

        var (from, to) = (range.From!.Value, range.To!.Value);
        var held = await reservations.HeldNightsAsync(normalized, from, to);
        var nights = Enumerable.Range(0, to.DayNumber - from.DayNumber)
            .Select(from.AddDays)
            .Select(night => new NightAvailability(night, held.Contains(night) ? Availability.Unavailable : Availability.Available))
            .ToList();
        return TypedResults.Ok(new RoomAvailability(normalized, from, to, nights));
    }

    private static ProblemHttpResult RoomNotFound(string number) => TypedResults.Problem(
        title: "Room not found.",
        detail: $"No room with number {number} has reached the room view.",
        statusCode: StatusCodes.Status404NotFound);
}
