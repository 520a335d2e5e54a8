using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Accommodation.Reservations.Api.Application;
using Accommodation.Reservations.Domain;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Accommodation.Reservations.Api.Grpc;

/// <summary>
/// The gRPC inbound adapter: translates messages to the application service's calls and back, nothing more. Its
/// methods reach gRPC through <see cref="ReservationsGrpcMethods"/>, not the generated base class, which also says who
/// may call each; the caller is the token's subject, as over REST.
/// </summary>
internal sealed class ReservationsGrpcService(ReservationCommands commands, ReservationQueries queries)
{
    public async Task<ReservationReply> Reserve(ReserveRequest request, ServerCallContext context) =>
        ToReply(await commands.ReserveAsync(
            CallerOf(context),
            new ReserveCommand(
                WholeValue(request.RoomNumber, RoomNumber.Pattern, "roomNumber", RoomNumber.Rule),
                ParseDate(request.CheckIn, "checkIn"),
                ParseDate(request.CheckOut, "checkOut")),
            context.CancellationToken));

    public async Task<ReservationReply> Pay(ReservationNumberRequest request, ServerCallContext context) =>
        ToReply(await commands.PayAsync(CallerOf(context), request.ReservationNumber));

    public async Task<ReservationReply> Cancel(ReservationNumberRequest request, ServerCallContext context) =>
        ToReply(await commands.CancelAsync(CallerOf(context), request.ReservationNumber, context.CancellationToken));

    public async Task<ReservationReply> CheckOut(ReservationNumberRequest request, ServerCallContext context) =>
        ToReply(await commands.CheckOutAsync(request.ReservationNumber, context.CancellationToken));

    public async Task<ReservationReply> Get(ReservationNumberRequest request, ServerCallContext context) =>
        ToReply(await queries.FindAsync(CallerOf(context), request.ReservationNumber, context.CancellationToken)
            ?? throw new ReservationNotFoundException(ReservationNumber.Parse(request.ReservationNumber)));

    private static Caller CallerOf(ServerCallContext context) => Caller.From(context.GetHttpContext().User);

    // Checked as the REST adapter's attributes check its request, against the whole value: the domain's patterns end in
    // $, which also matches before a final newline, so "kim\n" would pass them.
    private static string WholeValue(string value, string pattern, string field, string rule) =>
        new RegularExpressionAttribute(pattern).IsValid(value) ? value : throw new ReservationDomainException(field, rule);

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
