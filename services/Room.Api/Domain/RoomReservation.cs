namespace Accommodation.Rooms.Api.Domain;

/// <summary>
/// Room's copy of one reservation of a room: the newest version the reservation context published, and the
/// nights it holds. Versions only move forward, so duplicates and out-of-order events end in the same state.
/// </summary>
public sealed class RoomReservation
{
    public const int ReservationNumberMaxLength = 40;
    public const int MaxNights = 365;

    private readonly List<RoomNight> _nights = [];

    private RoomReservation(string reservationNumber, RoomNumber roomNumber)
    {
        ReservationNumber = reservationNumber;
        RoomNumber = roomNumber;
    }

    public string ReservationNumber { get; private set; }

    public RoomNumber RoomNumber { get; private set; }

    public DateOnly CheckIn { get; private set; }

    public DateOnly CheckOut { get; private set; }

    public ReservationStatus Status { get; private set; }

    /// <summary>The reservation's version this copy holds; 0 before the first one.</summary>
    public int Version { get; private set; }

    /// <summary>When a manager checked this stay out here; the reservation's own status follows by event.</summary>
    public DateTimeOffset? CheckedOutAt { get; private set; }

    public IReadOnlyCollection<RoomNight> Nights => _nights.AsReadOnly();

    /// <summary>Held and confirmed reservations hold their nights; cancelled, expired and checked-out ones free them.</summary>
    public bool IsLive => Status is ReservationStatus.Held or ReservationStatus.Confirmed;

    public static RoomReservation From(ReservationSnapshot snapshot)
    {
        var reservation = new RoomReservation(snapshot.ReservationNumber, snapshot.RoomNumber);
        reservation.Apply(snapshot);
        return reservation;
    }

    /// <summary>Takes <paramref name="snapshot"/> if it is newer than the version held; false (and no change) otherwise.</summary>
    public bool Apply(ReservationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.ReservationNumber != ReservationNumber)
        {
            throw new ArgumentException($"The snapshot is of reservation {snapshot.ReservationNumber}, not {ReservationNumber}.", nameof(snapshot));
        }

        if (snapshot.Version <= Version)
        {
            return false;
        }

        if (snapshot.CheckOut <= snapshot.CheckIn || snapshot.CheckOut.DayNumber - snapshot.CheckIn.DayNumber > MaxNights)
        {
            throw new RoomDomainException("checkOut", $"A stay is 1 to {MaxNights} nights: check-out comes after check-in.");
        }

        RoomNumber = snapshot.RoomNumber;
        CheckIn = snapshot.CheckIn;
        CheckOut = snapshot.CheckOut;
        Status = snapshot.Status;
        Version = snapshot.Version;
        Hold(IsLive ? StayNights() : []);
        return true;
    }

    /// <summary>A manager checked the stay out: the nights from <paramref name="today"/> on are free at once.</summary>
    internal void CheckOutHere(DateOnly today, DateTimeOffset now)
    {
        CheckedOutAt = now;
        _nights.RemoveAll(night => night.Night >= today);
    }

    private IEnumerable<DateOnly> StayNights() =>
        Enumerable.Range(0, CheckOut.DayNumber - CheckIn.DayNumber).Select(CheckIn.AddDays);

    // Keeps the rows of nights still held (so none is deleted and inserted again), drops the others, adds the new ones.
    private void Hold(IEnumerable<DateOnly> nights)
    {
        var wanted = nights.ToHashSet();
        _nights.RemoveAll(night => !wanted.Contains(night.Night) || night.RoomNumber != RoomNumber);
        foreach (var night in _nights)
        {
            night.ReservationVersion = Version;
            wanted.Remove(night.Night);
        }

        _nights.AddRange(wanted.Order().Select(night => new RoomNight(RoomNumber, night, ReservationNumber, Version)));
    }
}
