using System.Security.Claims;
using Accommodation.Reservations.Api.Application;
using Accommodation.Reservations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>
/// The REST inbound adapter. Every route needs a token (<see cref="ReservationAccess"/> says whose); another customer's
/// reservation is answered 404, as a missing one is. Refusals are thrown by the domain and the use cases and written by
/// <see cref="ReservationExceptionHandler"/>; each endpoint declares the ones it can meet.
/// </summary>
public static class ReservationsApi
{
    public static RouteGroupBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        // 401 without a valid token, 403 with one that plays neither customer nor manager (or not the role a route needs).
        var api = app.MapGroup("api/v1/reservations").WithTags("Reservations")
            .RequireAuthorization(ReservationAccess.CustomerOrManager)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/", Reserve)
            .WithName(nameof(Reserve))
            .WithSummary("Reserve a room for yourself (customer): the nights are held until holdExpiresAt unless paid")
            .WithDescription("The customer is the token's subject; a customerId in the body is ignored. "
                + "409 when a live reservation already holds one of the nights; 422 when the room is not registered.")
            .RequireAuthorization(ReservationAccess.Customer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{number}", GetReservation)
            .WithName(nameof(GetReservation))
            .WithSummary("Get a reservation and its status (its customer, or a manager)")
            .WithDescription("404 when there is none, or it is another customer's.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/", ListReservations)
            .WithName(nameof(ListReservations))
            .WithSummary("List a customer's reservations, newest first, one page at a time")
            .WithDescription("A customer lists their own (customerId left out or their own; another customer's is 404). "
                + "A manager names the customer (400 when left out).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{number}/pay", Pay)
            .WithName(nameof(Pay))
            .WithSummary("Pay your held reservation (customer); approved → confirmed in the same request")
            .WithDescription("402: declined, still held. 404: none, or another customer's. 409: not held (cancelled, expired, already confirmed); "
                + "payment is not called. 503: payment unavailable, still held; pay later.")
            .RequireAuthorization(ReservationAccess.Customer)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/{number}/cancel", Cancel)
            .WithName(nameof(Cancel))
            .WithSummary("Cancel a held or confirmed reservation (its customer, or a manager); its nights are free again")
            .WithDescription("404 when there is none, or it is another customer's.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{number}/check-out", CheckOut)
            .WithName(nameof(CheckOut))
            .WithSummary("Check a confirmed stay out (manager)")
            .RequireAuthorization(ReservationAccess.Manager)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    public static async Task<Created<ReservationResponse>> Reserve(
        ReserveRequest request, ClaimsPrincipal user, ReservationCommands commands, CancellationToken cancellationToken)
    {
        var reservation = await commands.ReserveAsync(
            Caller.From(user), new ReserveCommand(request.RoomNumber, request.CheckIn!.Value, request.CheckOut!.Value), cancellationToken);
        return TypedResults.Created($"/api/v1/reservations/{reservation.Number}", ReservationResponse.From(reservation));
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetReservation(
        string number, ClaimsPrincipal user, ReservationQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(Caller.From(user), number, cancellationToken) is { } reservation
            ? TypedResults.Ok(ReservationResponse.From(reservation))
            : TypedResults.Problem(ReservationProblems.NotFound(ReservationNumber.Parse(number)));

    public static async Task<Ok<PaginatedItems<ReservationResponse>>> ListReservations(
        [AsParameters] ListReservationsRequest request, ClaimsPrincipal user, ReservationQueries queries, CancellationToken cancellationToken)
    {
        var (page, count) = await queries.ListByCustomerAsync(
            Caller.From(user), request.CustomerId, request.PageIndex, request.PageSize, cancellationToken);
        return TypedResults.Ok(new PaginatedItems<ReservationResponse>(
            request.PageIndex, request.PageSize, count, [.. page.Select(ReservationResponse.From)]));
    }

    public static async Task<Ok<ReservationResponse>> Pay(string number, ClaimsPrincipal user, ReservationCommands commands) =>
        TypedResults.Ok(ReservationResponse.From(await commands.PayAsync(Caller.From(user), number)));

    public static async Task<Ok<ReservationResponse>> Cancel(
        string number, ClaimsPrincipal user, ReservationCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReservationResponse.From(await commands.CancelAsync(Caller.From(user), number, cancellationToken)));

    public static async Task<Ok<ReservationResponse>> CheckOut(string number, ReservationCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReservationResponse.From(await commands.CheckOutAsync(number, cancellationToken)));
}
