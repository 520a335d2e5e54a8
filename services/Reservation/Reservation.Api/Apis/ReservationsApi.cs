using Accommodation.Reservations.Api.Application;
using Accommodation.Reservations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>
/// The REST inbound adapter. Refusals are thrown by the domain and the use cases and written by
/// <see cref="ReservationExceptionHandler"/>; each endpoint declares the ones it can meet.
/// </summary>
public static class ReservationsApi
{
    public static RouteGroupBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/reservations").WithTags("Reservations").ProducesValidationProblem();

        api.MapPost("/", Reserve)
            .WithName(nameof(Reserve))
            .WithSummary("Reserve a room: the nights are held until holdExpiresAt unless paid")
            .WithDescription("409 when a live reservation already holds one of the nights; 422 when the room is not registered.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{number}", GetReservation)
            .WithName(nameof(GetReservation))
            .WithSummary("Get a reservation and its status")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/", ListReservations)
            .WithName(nameof(ListReservations))
            .WithSummary("List a customer's reservations, newest first, one page at a time");
        api.MapPost("/{number}/pay", Pay)
            .WithName(nameof(Pay))
            .WithSummary("Pay a held reservation; approved → confirmed in the same request")
            .WithDescription("402: declined, still held. 409: not held (cancelled, expired, already confirmed); payment is not called. "
                + "503: payment unavailable, still held; pay later.")
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/{number}/cancel", Cancel)
            .WithName(nameof(Cancel))
            .WithSummary("Cancel a held or confirmed reservation; its nights are free again")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{number}/check-out", CheckOut)
            .WithName(nameof(CheckOut))
            .WithSummary("Check a confirmed stay out (manager)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    public static async Task<Created<ReservationResponse>> Reserve(
        ReserveRequest request, ReservationCommands commands, CancellationToken cancellationToken)
    {
        var reservation = await commands.ReserveAsync(
            new ReserveCommand(request.CustomerId, request.RoomNumber, request.CheckIn!.Value, request.CheckOut!.Value), cancellationToken);
        return TypedResults.Created($"/api/reservations/{reservation.Number}", ReservationResponse.From(reservation));
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetReservation(
        string number, ReservationQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(number, cancellationToken) is { } reservation
            ? TypedResults.Ok(ReservationResponse.From(reservation))
            : TypedResults.Problem(ReservationProblems.NotFound(ReservationNumber.Parse(number)));

    public static async Task<Ok<PaginatedItems<ReservationResponse>>> ListReservations(
        [AsParameters] ListReservationsRequest request, ReservationQueries queries, CancellationToken cancellationToken)
    {
        var (page, count) = await queries.ListByCustomerAsync(request.CustomerId!, request.PageIndex, request.PageSize, cancellationToken);
        return TypedResults.Ok(new PaginatedItems<ReservationResponse>(
            request.PageIndex, request.PageSize, count, [.. page.Select(ReservationResponse.From)]));
    }

    public static async Task<Ok<ReservationResponse>> Pay(string number, ReservationCommands commands) =>
        TypedResults.Ok(ReservationResponse.From(await commands.PayAsync(number)));

    public static async Task<Ok<ReservationResponse>> Cancel(string number, ReservationCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReservationResponse.From(await commands.CancelAsync(number, cancellationToken)));

    public static async Task<Ok<ReservationResponse>> CheckOut(string number, ReservationCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReservationResponse.From(await commands.CheckOutAsync(number, cancellationToken)));
}
