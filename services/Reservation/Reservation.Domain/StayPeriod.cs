namespace Accommodation.Reservations.Domain;

/// <summary>The nights of a stay, <c>[CheckIn, CheckOut)</c>: the guest sleeps CheckIn … CheckOut − 1 and leaves on CheckOut.</summary>
public sealed record StayPeriod
{
    public const int MaxNights = 30;

    /// <summary>How far ahead the calendar is open: a check-in at most this many days after today.</summary>
    public const int MaxDaysAhead = 365;

    private StayPeriod(DateOnly checkIn, DateOnly checkOut)
    {
        CheckIn = checkIn;
        CheckOut = checkOut;
    }

    public DateOnly CheckIn { get; }

    public DateOnly CheckOut { get; }

    public int Nights => CheckOut.DayNumber - CheckIn.DayNumber;

    /// <summary>A stay that starts today or later, within the open calendar, of 1 to <see cref="MaxNights"/> nights.</summary>
    public static StayPeriod Create(DateOnly checkIn, DateOnly checkOut, DateOnly today)
    {
        if (checkIn < today)
        {
            throw new ReservationDomainException("checkIn", $"The check-in date {checkIn:yyyy-MM-dd} is in the past (today is {today:yyyy-MM-dd}).");
        }

        if (checkIn.DayNumber - today.DayNumber > MaxDaysAhead)
        {
            throw new ReservationDomainException("checkIn", $"Reservations open at most {MaxDaysAhead} days ahead.");
        }

        if (checkOut <= checkIn)
        {
            throw new ReservationDomainException("checkOut", "The check-out date must be after the check-in date.");
        }

        if (checkOut.DayNumber - checkIn.DayNumber > MaxNights)
        {
            throw new ReservationDomainException("checkOut", $"A stay is at most {MaxNights} nights.");
        }

        return new StayPeriod(checkIn, checkOut);
    }

    /// <summary>True when the two stays share at least one night; adjacent stays (one leaves as the other arrives) do not.</summary>
    public bool Overlaps(StayPeriod other) => CheckIn < other.CheckOut && other.CheckIn < CheckOut;

    public override string ToString() => $"[{CheckIn:yyyy-MM-dd}, {CheckOut:yyyy-MM-dd})";
}
