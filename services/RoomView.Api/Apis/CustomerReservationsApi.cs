using System.ComponentModel.DataAnnotations;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Accommodation.RoomView.Api.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accommodation.RoomView.Api.Apis;

/// <summary>
/// "My reservations": each of a customer's reservations with its current status and payment, also as a live stream.
/// Only the customer whose token's subject is <c>customerId</c>, or a manager, reads them; anyone else gets the 404 an
/// unknown customer or reservation would, so whether another customer's reservations exist is never revealed.
/// </summary>
public static class CustomerReservationsApi
{
    public const string CustomerIdPattern = "^[A-Za-z0-9._@-]{1,64}$";
    public const string CustomerIdRule = "A customer id is 1 to 64 letters, digits or . _ @ -.";

    // Loose on purpose (any number payment accepts), yet a value that breaks it cannot be a reservation in the view.
    public const string ReservationNumberPattern = "^[A-Za-z0-9-]{1,40}$";
    public const string ReservationNumberRule = "A reservation number is 1 to 40 letters, digits or hyphens.";

    public static RouteGroupBuilder MapCustomerReservationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/v1/customers/{customerId}/reservations").WithTags("CustomerReservations")
            .RequireAuthorization(policy => policy.RequireRole(AccessPolicies.Customer, AccessPolicies.Manager))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/", ListCustomerReservations)
            .WithName(nameof(ListCustomerReservations))
            .WithSummary("The customer's reservations by check-in date, each with its status and payment");
        api.MapGet("/stream", StreamCustomerReservations)
            .WithName(nameof(StreamCustomerReservations))
            .WithSummary("Server-sent events: 'reservations' (the list) once, then 'reservation' whenever one of them changes");
        api.MapGet("/{reservationNumber}", GetCustomerReservation)
            .WithName(nameof(GetCustomerReservation))
            .WithSummary("One of the customer's reservations");

        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<CustomerReservation>>, ProblemHttpResult>> ListCustomerReservations(
        [RegularExpression(CustomerIdPattern, ErrorMessage = CustomerIdRule)] string customerId, ClaimsPrincipal user,
        IReservationViewStore reservations) =>
        user.MayActFor(customerId) ? TypedResults.Ok(await reservations.ListAsync(customerId)) : CustomerNotFound(customerId);

    public static async Task<Results<Ok<CustomerReservation>, ProblemHttpResult>> GetCustomerReservation(
        [RegularExpression(CustomerIdPattern, ErrorMessage = CustomerIdRule)] string customerId,
        [RegularExpression(ReservationNumberPattern, ErrorMessage = ReservationNumberRule)] string reservationNumber,
        ClaimsPrincipal user, IReservationViewStore reservations)
    {
        // The reservation context stores numbers upper-case.
        var normalized = reservationNumber.ToUpperInvariant();
        // Another customer's is not even looked up: the answer cannot depend on whether it exists.
        return user.MayActFor(customerId) && await reservations.FindAsync(normalized) is { } reservation && reservation.CustomerId == customerId
            ? TypedResults.Ok(reservation)
            : TypedResults.Problem(
                title: "Reservation not found.",
                detail: $"Customer {customerId} has no reservation {normalized} in the view.",
                statusCode: StatusCodes.Status404NotFound);
    }

    public static Results<ServerSentEventsResult<object>, ProblemHttpResult> StreamCustomerReservations(
        [RegularExpression(CustomerIdPattern, ErrorMessage = CustomerIdRule)] string customerId, ClaimsPrincipal user,
        IReservationViewStore reservations, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
        // Decided before the stream starts: a refused watcher gets a 404 problem, never a 200 and an empty stream.
        user.MayActFor(customerId)
            ? TypedResults.ServerSentEvents(WatchAsync(customerId, reservations, TokenLeft(user), lifetime.ApplicationStopping, cancellationToken))
            : CustomerNotFound(customerId);

    /// <summary>How long the caller's token stays valid: a stream never outlives the right to read it.</summary>
    private static TimeSpan TokenLeft(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue("exp"), out var expires)
            ? TimeSpan.FromSeconds(Math.Max(0, expires - DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
            : TimeSpan.Zero;

    // What a customer gets for any other customer id, whether or not it has reservations.
    private static ProblemHttpResult CustomerNotFound(string customerId) => TypedResults.Problem(
        title: "Customer not found.",
        detail: $"There is no customer {customerId} whose reservations you may read.",
        statusCode: StatusCodes.Status404NotFound);

    private static async IAsyncEnumerable<SseItem<object>> WatchAsync(
        string customerId, IReservationViewStore reservations, TimeSpan tokenLeft, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken requestAborted)
    {
        // The stream ends when the client leaves or the service stops, so a shutdown never waits on a watcher; and when
        // the token expires, so a client reconnects with a fresh one (a token taken away is not good for hours).
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        watching.CancelAfter(tokenLeft);
        // Subscribed before the list is read, so a change between the two is sent, not lost.
        await using var changes = await reservations.WatchAsync(customerId);
        yield return new SseItem<object>(await reservations.ListAsync(customerId), "reservations");

        await foreach (var reservationNumber in changes.ReadAllAsync(watching.Token))
        {
            if (await reservations.FindAsync(reservationNumber) is { } reservation && reservation.CustomerId == customerId)
            {
                yield return new SseItem<object>(reservation, "reservation");
            }
        }
    }
}
