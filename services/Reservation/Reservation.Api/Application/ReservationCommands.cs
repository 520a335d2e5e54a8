using Accommodation.Reservations.Domain;
using Accommodation.Reservations.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Accommodation.Reservations.Api.Application;

/// <summary>The use cases that change reservations; REST, gRPC and the event consumers all come through here.</summary>
public sealed partial class ReservationCommands(
    IReservationRepository reservations,
    IRoomCatalog catalog,
    IPaymentService payments,
    HotelClock clock,
    IOptions<ReservationOptions> options,
    ILogger<ReservationCommands> logger)
{
    /// <summary>Places a reservation for <paramref name="customer"/>, the caller: whose it is never comes from the request.</summary>
    /// <exception cref="RoomNotInCatalogException">The catalog replica does not know the room.</exception>
    /// <exception cref="StayUnavailableException">A live reservation already holds one of the nights.</exception>
    public async Task<Reservation> ReserveAsync(Caller customer, ReserveCommand command, CancellationToken cancellationToken)
    {
        var customerId = CustomerId.Parse(customer.Id);
        var roomNumber = RoomNumber.Parse(command.RoomNumber);
        var today = clock.Today;
        var stay = StayPeriod.Create(command.CheckIn, command.CheckOut, today);
        var room = await catalog.FindAsync(roomNumber, cancellationToken) ?? throw new RoomNotInCatalogException(roomNumber);

        var reservation = Reservation.Place(
            ReservationNumber.New(today), customerId, roomNumber, stay, room.PricePerNight, clock.Now, options.Value.HoldTime);
        reservations.Add(reservation);
        // The database's exclusion constraint, not a read before the write, decides who gets contested nights.
        await reservations.SaveChangesAsync(cancellationToken);
        LogReserved(reservation.Number.Value, roomNumber.Value, stay.ToString(), reservation.TotalPrice);
        return reservation;
    }

    /// <summary>
    /// Pays a held reservation of the caller's synchronously and confirms it in the same request. The reservation stays
    /// locked during the call, so the hold expiry scan and concurrent requests cannot change it while money moves.
    /// </summary>
    /// <exception cref="ReservationNotFoundException">No such reservation, or not the caller's (a manager pays for nobody).</exception>
    /// <exception cref="ReservationTransitionException">Not held (or its hold ran out): payment is not called.</exception>
    /// <exception cref="PaymentDeclinedException">Declined; the reservation stays held.</exception>
    /// <exception cref="PaymentUnavailableException">No usable answer, or payment rests (then answered before anything else); the reservation stays as it was.</exception>
    /// <remarks>The caller's cancellation is not passed on: once payment is asked, a client that hangs up must not
    /// leave a charge without its confirmation. The resilience handler's timeouts bound the wait.</remarks>
    public async Task<Reservation> PayAsync(Caller customer, string number)
    {
        var reservationNumber = ReservationNumber.Parse(number);
        if (payments.AnswerWhileResting() is { } resting)
        {
            // Nothing below could succeed while payment rests: "pay later" at once, without locking the reservation.
            throw new PaymentUnavailableException(reservationNumber, resting.Reason, resting.RetryAfter);
        }

        var (reservation, declined) = await reservations.InTransactionAsync(async ct =>
        {
            // Before anything else, the expiry below included: another customer's reservation is left exactly as it is.
            var reservation = await reservations.FindLockedAsync(reservationNumber, ct) is { } found && customer.Owns(found)
                ? found
                : throw new ReservationNotFoundException(reservationNumber);
            var now = clock.Now;
            if (reservation.HoldHasRunOut(now))
            {
                // Expired here rather than at the next scan: the nights are free at once and payment is never asked.
                reservation.Expire(now);
                await reservations.SaveChangesAsync(ct);
                return (reservation, (PaymentResult.Declined?)null);
            }

            reservation.EnsureCanBePaid(now);
            switch (await payments.PayAsync(PaymentRequest.For(reservation), ct))
            {
                case PaymentResult.Approved approved:
                    reservation.Confirm(approved.PaymentId, clock.Now);
                    await reservations.SaveChangesAsync(ct);
                    return (reservation, null);
                case PaymentResult.Declined declinedPayment:
                    // Committed, not rolled back: the next payment of this reservation must be a new attempt.
                    reservation.RecordDeclinedPayment();
                    await reservations.SaveChangesAsync(ct);
                    return (reservation, declinedPayment);
                case PaymentResult.Unavailable unavailable:
                    throw new PaymentUnavailableException(reservationNumber, unavailable.Reason, unavailable.RetryAfter);
                default:
                    throw new InvalidOperationException("Unknown payment result.");
            }
        }, CancellationToken.None);

        if (declined is not null)
        {
            throw new PaymentDeclinedException(reservationNumber, declined.Reason);
        }

        if (reservation.Status == ReservationStatus.Expired)
        {
            throw new ReservationTransitionException(reservation.Number, reservation.Status, "paid",
                $"Reservation {reservation.Number} was held until {reservation.HoldExpiresAt:O} and has expired; reserve again.");
        }

        LogConfirmed(reservation.Number.Value, reservation.PaymentId);
        return reservation;
    }

    /// <summary>Cancels a held or confirmed reservation: its customer or a manager may.</summary>
    /// <exception cref="ReservationNotFoundException">No such reservation, or not the caller's to cancel.</exception>
    public Task<Reservation> CancelAsync(Caller caller, string number, CancellationToken cancellationToken) =>
        ChangeAsync(number, caller.MayAccess, (reservation, now) => reservation.Cancel(now), cancellationToken);

    /// <summary>
    /// Checks a confirmed stay out, at <paramref name="checkedOutAt"/> (when room's manager did it) or now. Whoever gets
    /// here may: the adapters let only managers, and room's check-out events, through.
    /// </summary>
    public Task<Reservation> CheckOutAsync(string number, CancellationToken cancellationToken, DateTimeOffset? checkedOutAt = null) =>
        ChangeAsync(number, _ => true, (reservation, now) => reservation.CheckOut(checkedOutAt ?? now), cancellationToken);

    /// <summary>Expires up to <paramref name="limit"/> held reservations whose hold ran out; returns how many.</summary>
    /// <remarks>Rows locked elsewhere (a payment in flight, another replica's scan) are skipped, not waited for.</remarks>
    public Task<int> ExpireRunOutHoldsAsync(int limit, CancellationToken cancellationToken) =>
        reservations.InTransactionAsync(async ct =>
        {
            var now = clock.Now;
            var runOut = await reservations.LockRunOutHoldsAsync(now, limit, ct);
            foreach (var reservation in runOut)
            {
                reservation.Expire(now);
                LogExpired(reservation.Number.Value, reservation.HoldExpiresAt);
            }

            await reservations.SaveChangesAsync(ct);
            return runOut.Count;
        }, cancellationToken);

    // Optimistic: if someone else changed the reservation meanwhile, its version no longer matches and nothing is saved.
    private async Task<Reservation> ChangeAsync(
        string number, Func<Reservation, bool> mayChange, Action<Reservation, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var reservationNumber = ReservationNumber.Parse(number);
        var reservation = await reservations.FindAsync(reservationNumber, cancellationToken) is { } found && mayChange(found)
            ? found
            : throw new ReservationNotFoundException(reservationNumber);
        change(reservation, clock.Now);
        await reservations.SaveChangesAsync(cancellationToken);
        LogChanged(reservation.Number.Value, reservation.Status, reservation.Version);
        return reservation;
    }

    [LoggerMessage(LogLevel.Information, "Reserved {ReservationNumber}: room {RoomNumber} for {Stay}, {TotalPrice} KRW, held")]
    private partial void LogReserved(string reservationNumber, string roomNumber, string stay, decimal totalPrice);

    [LoggerMessage(LogLevel.Information, "Reservation {ReservationNumber} confirmed with payment {PaymentId}")]
    private partial void LogConfirmed(string reservationNumber, Guid? paymentId);

    [LoggerMessage(LogLevel.Information, "Reservation {ReservationNumber} expired: its hold ran out at {HoldExpiresAt}")]
    private partial void LogExpired(string reservationNumber, DateTimeOffset holdExpiresAt);

    [LoggerMessage(LogLevel.Information, "Reservation {ReservationNumber} is now {Status} (v{Version})")]
    private partial void LogChanged(string reservationNumber, ReservationStatus status, int version);
}
