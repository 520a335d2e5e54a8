using System.Globalization;
using Accommodation.Reservations.Api.Application;
using Accommodation.Reservations.Domain;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Accommodation.Reservations.Api.Grpc;

/// <summary>The gRPC inbound adapter: translates messages to the application service's calls and back, nothing more.</summary>
internal sealed class ReservationsGrpcService(ReservationCommands commands, ReservationQueries queries) : Reservations.ReservationsBase
{
    public override async Task<ReservationReply> Reserve(ReserveRequest request, ServerCallContext context) =>
        ToReply(await commands.ReserveAsync(
            new ReserveCommand(request.CustomerId, request.RoomNumber, ParseDate(request.CheckIn, "checkIn"), ParseDate(request.CheckOut, "checkOut")),
            context.CancellationToken));

    public override async Task<ReservationReply> Pay(ReservationNumberRequest request, ServerCallContext context) =>
        ToReply(await commands.PayAsync(request.ReservationNumber));

    public override async Task<ReservationReply> Cancel(ReservationNumberRequest request, ServerCallContext context) =>
        ToReply(await commands.CancelAsync(request.ReservationNumber, context.CancellationToken));

    public override async Task<ReservationReply> CheckOut(ReservationNumberRequest request, ServerCallContext context) =>
        ToReply(await commands.CheckOutAsync(request.ReservationNumber, context.CancellationToken));

    public override async Task<ReservationReply> Get(ReservationNumberRequest request, ServerCallContext context) =>
        ToReply(await queries.FindAsync(request.ReservationNumber, context.CancellationToken)
            ?? throw new ReservationNotFoundException(ReservationNumber.Parse(request.ReservationNumber)));

    private static DateOnly ParseDate(string value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ReservationDomainException(field, $"A {field} date is written yyyy-MM-dd.");

    private static ReservationReply ToReply(Reservation reservation) => new()
    {
        ReservationNumber = reservation.Number.Value,
        CustomerId = reservation.CustomerId.Value,
        RoomNumber = reservation.RoomNumber.Value,
        CheckIn = reservation.Stay.CheckIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CheckOut = reservation.Stay.CheckOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Nights = reservation.Stay.Nights,
        TotalPrice = reservation.TotalPrice.ToString(CultureInfo.InvariantCulture),
        Status = reservation.Status.ToString(),
        HoldExpiresAt = Timestamp.FromDateTimeOffset(reservation.HoldExpiresAt),
        PaymentId = reservation.PaymentId?.ToString() ?? "",
        Version = reservation.Version,
    };
}
