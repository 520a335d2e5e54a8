using System.Net;
using Accommodation.Reservations.Domain;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class ConcurrentReservationTests(ReservationApiFactory factory)
{
    private const int Rounds = 20;
    private const int Racers = 50;

    // One customer per racer, as fifty people would be.
    private readonly HttpClient[] _racers = [.. Enumerable.Range(0, Racers).Select(racer => factory.CreateCustomerClient($"racer-{racer}"))];

    [Fact]
    public async Task Fifty_concurrent_reservations_of_one_night_give_exactly_one_201_and_49_409s_every_time()
    {
        var room = await factory.RegisterRoomAsync();
        var roomNumber = RoomNumber.Parse(room, "roomNumber");

        for (var round = 0; round < Rounds; round++)
        {
            var night = ReservationScenarios.Day(1 + round);
            using var start = new ManualResetEventSlim();
            var racers = Enumerable.Range(0, Racers).Select(racer => Task.Run(async () =>
            {
                start.Wait();
                return await _racers[racer].ReserveAsync(room, night, night.AddDays(1));
            })).ToList();
            start.Set();
            var responses = await Task.WhenAll(racers);

            var statuses = responses.Select(response => (int)response.StatusCode).ToList();
            Assert.True(statuses.Count(status => status == 201) == 1, $"Round {round}: {string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Count()}×{g.Key}"))}");
            Assert.Equal(Racers - 1, statuses.Count(status => status == 409));
            foreach (var refused in responses.Where(response => response.StatusCode == HttpStatusCode.Conflict))
            {
                await ProblemAssert.IsProblemAsync(refused, 409);
            }

            var rows = await factory.InDatabaseAsync(db => db.Reservations.CountAsync(r => r.RoomNumber == roomNumber && r.Stay.CheckIn == night));
            Assert.Equal(1, rows);
        }
    }
}
