using Accommodation.Reservations.Api.Application;
using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Ports;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>The RFC 9457 problem each refusal of the reservations API is answered with, worded once.</summary>
internal static class ReservationProblems
{
    public static ProblemDetails? From(Exception exception) => exception switch
    {
        ReservationDomainException broken => ProblemExceptionHandler.InvalidField(broken.Field, broken.Message),
        ReservationNotFoundException notFound => NotFound(notFound.Number),
        CustomerNotFoundException customer => Problem(StatusCodes.Status404NotFound, "Customer not found.", customer.Message),
        RoomNotInCatalogException unknownRoom => Problem(StatusCodes.Status422UnprocessableEntity, "Unknown room.", unknownRoom.Message),
        StayUnavailableException taken => Problem(StatusCodes.Status409Conflict, "Room not available for those nights.", taken.Message),
        ReservationTransitionException refused => Problem(StatusCodes.Status409Conflict, "Not allowed in the reservation's status.", refused.Message),
        ReservationChangedMeanwhileException raced => Problem(StatusCodes.Status409Conflict, "Reservation changed meanwhile.", raced.Message),
        PaymentDeclinedException declined => Problem(StatusCodes.Status402PaymentRequired, "Payment declined.", declined.Message),
        PaymentUnavailableException unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Payment unavailable: pay later.", unavailable.Message),
        _ => null,
    };

    public static ProblemDetails NotFound(ReservationNumber number) =>
        Problem(StatusCodes.Status404NotFound, "Reservation not found.", $"No reservation has number {number}.");

    private static ProblemDetails Problem(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
    };
}
