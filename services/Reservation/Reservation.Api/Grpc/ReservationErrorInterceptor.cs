using Accommodation.Reservations.Api.Application;
using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Ports;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Accommodation.Reservations.Api.Grpc;

/// <summary>The gRPC twin of the REST problem details: each refusal of the domain or a use case becomes its status code.</summary>
internal sealed class ReservationErrorInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (ToStatus(exception) is { } status)
        {
            throw new RpcException(status);
        }
    }

    internal static Status? ToStatus(Exception exception) => exception switch
    {
        ReservationDomainException broken => new Status(StatusCode.InvalidArgument, $"{MessageField(broken.Field)}: {broken.Message}"),
        ReservationNotFoundException or RoomNotInCatalogException or CustomerNotFoundException => new Status(StatusCode.NotFound, exception.Message),
        StayUnavailableException => new Status(StatusCode.AlreadyExists, exception.Message),
        ReservationTransitionException or PaymentDeclinedException => new Status(StatusCode.FailedPrecondition, exception.Message),
        ReservationChangedMeanwhileException => new Status(StatusCode.Aborted, exception.Message),
        PaymentUnavailableException => new Status(StatusCode.Unavailable, exception.Message),
        _ => null,
    };

    // The domain calls a reservation number "number", as the REST route does; the gRPC messages call it reservation_number.
    private static string MessageField(string field) => field == "number" ? "reservationNumber" : field;
}
