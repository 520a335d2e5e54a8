using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Rooms.Tests.Functional;

internal static class RoomReservationPolling
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Room's copy of a reservation with its nights, as stored now (null when none arrived).</summary>
    public static async Task<RoomReservation?> StoredReservationAsync(this RoomApiFactory factory, string reservationNumber)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoomDbContext>().RoomReservations
            .AsNoTracking()
            .Include(reservation => reservation.Nights)
            .SingleOrDefaultAsync(reservation => reservation.ReservationNumber == reservationNumber);
    }

    /// <summary>Polls until room holds <paramref name="reservationNumber"/> at <paramref name="version"/>; fails at the deadline.</summary>
    public static async Task<RoomReservation> WaitForReservationAsync(this RoomApiFactory factory, string reservationNumber, int version)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await factory.StoredReservationAsync(reservationNumber) is { } stored && stored.Version == version)
            {
                return stored;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Reservation {reservationNumber} did not reach version {version} in room within {Timeout}.");
    }

    /// <summary>
    /// Publishes a reservation event after everything published so far and waits for it: events share one partition,
    /// so once it is handled every earlier one was handled too.
    /// </summary>
    public static async Task PublishSentinelAndWaitAsync(this RoomApiFactory factory, ReservationEventsPublisher publisher)
    {
        var sentinel = ReservationState.Placed(RoomScenarios.NewRoomNumber(), new DateOnly(2040, 1, 1), new DateOnly(2040, 1, 2));
        await publisher.PublishAsync(sentinel);
        await factory.WaitForReservationAsync(sentinel.ReservationNumber, 1);
    }
}
