using System.Globalization;
using Accommodation.LoadTests.Scenarios;

namespace Accommodation.Bench.Measurements;

/// <summary>
/// Rooms registered for one measurement and the one-night stays in them, handed out so that no two requests ask for the
/// same night of the same room: every reservation can succeed, and what is measured is the write, not a conflict.
/// </summary>
internal sealed class Stays
{
    // Reservation opens a year ahead; two days from today keeps clear of "today" in any time zone.
    private const int FirstDay = 2;
    public const int NightsPerRoom = 358;

    private readonly string[] _rooms;
    private long _next = -1;

    private Stays(string[] rooms, DateOnly firstNight) => (_rooms, FirstNight) = (rooms, firstNight);

    /// <summary>Stays in rooms that are registered already.</summary>
    public static Stays Of(IEnumerable<string> rooms, DateOnly firstNight) => new([.. rooms], firstNight);

    public DateOnly FirstNight { get; }

    public IReadOnlyList<string> Rooms => _rooms;

    /// <summary>Registers <paramref name="count"/> rooms and waits until reservation knows them (room-events via Kafka).</summary>
    public static async Task<Stays> RegisterAsync(BenchSystem system, char letter, int count, CancellationToken cancellationToken)
    {
        var tag = RunTag.New();
        var rooms = Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{letter}{tag}{i:0000}")).ToArray();
        var firstNight = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(FirstDay);
        var api = new AccommodationApi(system.Http);
        await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (room, token) => await api.RegisterRoomAsync(room, 90_000m, token));
        // The probe reserves (and cancels) the night after the last one handed out.
        await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (room, token) => await api.WaitUntilReservableAsync(room, firstNight.AddDays(NightsPerRoom), TimeSpan.FromSeconds(90), token));
        return Of(rooms, firstNight);
    }

    /// <summary>How many rooms <paramref name="stays"/> distinct nights need.</summary>
    public static int RoomsFor(long stays) => (int)Math.Max(1, (stays + NightsPerRoom - 1) / NightsPerRoom);

    /// <summary>A night nobody else got, or null once every night of every room is taken.</summary>
    public (string Room, DateOnly Night)? Next()
    {
        var index = Interlocked.Increment(ref _next);
        return index >= (long)_rooms.Length * NightsPerRoom
            ? null
            : (_rooms[index % _rooms.Length], FirstNight.AddDays((int)(index / _rooms.Length)));
    }
}
