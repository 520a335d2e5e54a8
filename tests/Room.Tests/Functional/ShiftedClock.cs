namespace Accommodation.Rooms.Tests.Functional;

/// <summary>Real time moved to <paramref name="start"/>, so tests know which day "today" is at the hotel.</summary>
internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _shift = start - TimeProvider.System.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(GetUtcNow(), RoomApiFactory.HotelTimeZone).DateTime);

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _shift;
}
