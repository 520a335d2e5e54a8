using System.Net;
using Accommodation.Reservations.Domain;
using Accommodation.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Accommodation.Reservations.Tests.Functional;

[Collection(nameof(ReservationApiCollection))]
public sealed class OverlapTests(ReservationApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateCustomerClient();

    [Theory]
    [InlineData(10, 13, "the same nights")]
    [InlineData(9, 11, "overlapping the first night")]
    [InlineData(12, 15, "overlapping the last night")]
    [InlineData(11, 12, "inside the stay")]
    [InlineData(8, 16, "around the stay")]
    public async Task A_stay_sharing_a_night_with_a_live_reservation_gets_409_and_writes_nothing(int checkIn, int checkOut, string _)
    {
        var room = await factory.RegisterRoomAsync();
        await _client.ReservedAsync(room, ReservationScenarios.Day(10), ReservationScenarios.Day(13));

        var response = await _client.ReserveAsync(room, ReservationScenarios.Day(checkIn), ReservationScenarios.Day(checkOut));

        var problem = await ProblemAssert.IsProblemAsync(response, 409);
        Assert.Contains(room, problem.GetProperty("detail").GetString());
        Assert.Equal(1, await factory.InDatabaseAsync(db => db.Reservations.CountAsync(r => r.RoomNumber == RoomNumber.Parse(room, "roomNumber"))));
    }

    [Fact]
    public async Task A_refused_overlap_is_an_expected_answer_that_logs_no_error()
    {
        var room = await factory.RegisterRoomAsync();
        await _client.ReservedAsync(room, ReservationScenarios.Day(10), ReservationScenarios.Day(13));
        var before = factory.Logs.Entries.Count;

        var response = await _client.ReserveAsync(room, ReservationScenarios.Day(11), ReservationScenarios.Day(12));

        await ProblemAssert.IsProblemAsync(response, 409);
        Assert.DoesNotContain(factory.Logs.Entries.Skip(before), entry => entry.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData(7, 10, "leaving the day the other arrives")]
    [InlineData(13, 15, "arriving the day the other leaves")]
    public async Task Adjacent_stays_are_both_reserved(int checkIn, int checkOut, string _)
    {
        var room = await factory.RegisterRoomAsync();
        await _client.ReservedAsync(room, ReservationScenarios.Day(10), ReservationScenarios.Day(13));

        var response = await _client.ReserveAsync(room, ReservationScenarios.Day(checkIn), ReservationScenarios.Day(checkOut));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Another_room_on_the_same_nights_is_free()
    {
        var room = await factory.RegisterRoomAsync();
        var otherRoom = await factory.RegisterRoomAsync();
        await _client.ReservedAsync(room, ReservationScenarios.Day(10), ReservationScenarios.Day(13));

        Assert.Equal(HttpStatusCode.Created, (await _client.ReserveAsync(otherRoom, ReservationScenarios.Day(10), ReservationScenarios.Day(13))).StatusCode);
    }

    [Fact]
    public async Task A_cancelled_reservation_frees_its_nights()
    {
        var room = await factory.RegisterRoomAsync();
        var first = await _client.ReservedAsync(room, ReservationScenarios.Day(10), ReservationScenarios.Day(13));
        Assert.Equal(HttpStatusCode.OK, (await _client.ActAsync(first.Number(), "cancel")).StatusCode);

        var again = await _client.ReserveAsync(room, ReservationScenarios.Day(11), ReservationScenarios.Day(12));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task The_database_itself_refuses_an_overlapping_live_row()
    {
        var room = await factory.RegisterRoomAsync();
        var first = await _client.ReservedAsync(room, ReservationScenarios.Day(10), ReservationScenarios.Day(13));

        // Past the application: a second live row for a shared night, written straight into the table.
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => factory.InDatabaseAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reservations (number, customer_id, room_number, check_in, check_out, price_per_night, total_price,
                                      status, version, placed_at, hold_expires_at)
            SELECT 'R-20000101-000000', customer_id, room_number, check_in + 1, check_out + 1, price_per_night, total_price,
                   'Confirmed', 1, placed_at, hold_expires_at
            FROM reservations WHERE number = {first.Number()}
            """)));

        Assert.Equal("23P01", refused.SqlState);
    }
}
