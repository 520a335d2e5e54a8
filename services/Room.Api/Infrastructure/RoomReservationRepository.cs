using Accommodation.Rooms.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Rooms.Api.Infrastructure;

internal sealed class RoomReservationRepository(RoomDbContext dbContext) : IRoomReservationRepository
{
    public Task<RoomReservation?> FindAsync(string reservationNumber, CancellationToken cancellationToken) =>
        dbContext.RoomReservations
            .Include(reservation => reservation.Nights)
            .SingleOrDefaultAsync(reservation => reservation.ReservationNumber == reservationNumber, cancellationToken);

    public void Add(RoomReservation reservation) => dbContext.RoomReservations.Add(reservation);

    public Task<RoomReservation?> FindStayToCheckOutAsync(RoomNumber roomNumber, DateOnly today, CancellationToken cancellationToken) =>
        dbContext.RoomReservations
            .Include(reservation => reservation.Nights)
            .Where(reservation => reservation.RoomNumber == roomNumber
                && reservation.Status == ReservationStatus.Confirmed
                && reservation.CheckedOutAt == null
                && reservation.CheckIn <= today
                && reservation.CheckOut >= today)
            // The guest leaving today goes before the one arriving today.
            .OrderBy(reservation => reservation.CheckOut)
            .ThenBy(reservation => reservation.CheckIn)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlySet<DateOnly>> HeldNightsAsync(
        RoomNumber roomNumber, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await dbContext.RoomNights
            .Where(night => night.RoomNumber == roomNumber && night.Night >= from && night.Night < to)
            .Select(night => night.Night)
            .Distinct()
            .ToListAsync(cancellationToken))
        .ToHashSet();

    public async Task<IReadOnlySet<RoomNumber>> HeldRoomsAsync(
        IReadOnlyCollection<RoomNumber> roomNumbers, DateOnly night, CancellationToken cancellationToken) =>
        (await dbContext.RoomNights
            .Where(held => held.Night == night && roomNumbers.Contains(held.RoomNumber))
            .Select(held => held.RoomNumber)
            .Distinct()
            .ToListAsync(cancellationToken))
        .ToHashSet();
}
