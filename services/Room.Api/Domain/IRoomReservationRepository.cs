namespace Accommodation.Rooms.Api.Domain;

/// <summary>The port through which room keeps its copies of reservations and reads which nights they hold.</summary>
public interface IRoomReservationRepository
{
    /// <summary>The copy of <paramref name="reservationNumber"/> with its nights, or null when no event of it arrived yet.</summary>
    Task<RoomReservation?> FindAsync(string reservationNumber, CancellationToken cancellationToken);

    void Add(RoomReservation reservation);

    /// <summary>The confirmed stay in the room on <paramref name="today"/> (check-in ≤ today ≤ check-out) that ends soonest.</summary>
    Task<RoomReservation?> FindStayToCheckOutAsync(RoomNumber roomNumber, DateOnly today, CancellationToken cancellationToken);

    /// <summary>The nights in <c>[from, to)</c> that a live reservation holds in the room.</summary>
    Task<IReadOnlySet<DateOnly>> HeldNightsAsync(RoomNumber roomNumber, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="roomNumbers"/> that a live reservation holds for <paramref name="night"/>.</summary>
    Task<IReadOnlySet<RoomNumber>> HeldRoomsAsync(IReadOnlyCollection<RoomNumber> roomNumbers, DateOnly night, CancellationToken cancellationToken);
}
