using System.Net;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// The requirements' failure-isolation rule with real processes: while room is stopped, customers still reserve,
/// pay and cancel; when room starts again it catches up from its committed offsets and agrees with reservation.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class FailureIsolationTests(RunningSystem system, ITestOutputHelper testOutput) : RunningSystemTests(system, testOutput)
{
    [Fact]
    public async Task With_room_stopped_reservations_are_still_taken_and_paid_and_room_catches_up_when_it_starts_again()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 90_000);
        var before = BookingClient.Today().AddDays(20);
        var first = await Client.ReserveAsync(room, before, before.AddDays(1));
        await Client.PayAsync(first.GetProperty("number").GetString()!);
        var roomBefore = await Resources.GetAsync("room");
        var pidBefore = AppHostResources.Replicas(roomBefore).Single().GetProperty("processId").GetInt32();

        var stopped = await Resources.CommandAsync("room", "stop");
        try
        {
            Assert.Equal("Exited", AppHostResources.State(stopped));
            Assert.Empty(AppHostResources.Replicas(stopped));
            using (var roomDown = await Client.Gateway.GetAsync($"/api/v1/rooms/{room}"))
            {
                Assert.True((int)roomDown.StatusCode >= 500, $"room is stopped, yet the gateway answered {(int)roomDown.StatusCode}");
            }

            // Reservation keeps its own replica of the room catalog, so the room's absence does not matter to it.
            var paidStay = (From: before.AddDays(2), To: before.AddDays(4));
            var paid = await Client.ReserveAsync(room, paidStay.From, paidStay.To);
            var paidNumber = paid.GetProperty("number").GetString()!;
            Assert.Equal("Confirmed", (await Client.PayAsync(paidNumber)).GetProperty("status").GetString());

            var cancelledStay = (From: before.AddDays(5), To: before.AddDays(6));
            var cancelledNumber = (await Client.ReserveAsync(room, cancelledStay.From, cancelledStay.To)).GetProperty("number").GetString()!;
            await Client.CancelAsync(cancelledNumber);

            // The customer's view is fed by reservation's events, not by room.
            await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(paidNumber), view => view.GetProperty("status").GetString() == "Confirmed");
            await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(cancelledNumber), view => view.GetProperty("status").GetString() == "Cancelled");

            await Resources.CommandAsync("room", "start");
            var restarted = await Resources.WaitUntilHealthyAsync("room");
            Assert.NotEqual(pidBefore, AppHostResources.Replicas(restarted).Single().GetProperty("processId").GetInt32());

            await Eventually.GetJsonAsync(Client.Gateway, BookingClient.Nights(room, paidStay.From, paidStay.To), nights => BookingClient.AllNights(nights, "Unavailable"));
            await Eventually.GetJsonAsync(Client.Gateway, BookingClient.Nights(room, cancelledStay.From, cancelledStay.To), nights => BookingClient.AllNights(nights, "Available"));
            await Eventually.GetJsonAsync(Client.Gateway, BookingClient.Nights(room, before, before.AddDays(1)), nights => BookingClient.AllNights(nights, "Unavailable"));
        }
        finally
        {
            await Resources.EnsureRunningAsync("room");
        }
    }

    [Fact]
    public async Task A_database_is_not_stopped_apart_from_its_server_and_an_unknown_resource_is_not_found()
    {
        using var database = await Running.AppHostApi.PostAsync("/api/resources/roomdb/stop", content: null);
        Assert.Equal(HttpStatusCode.Conflict, database.StatusCode);
        Assert.Equal("application/problem+json", database.Content.Headers.ContentType?.MediaType);

        using var unknown = await Running.AppHostApi.PostAsync("/api/resources/nothing/stop", content: null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.Equal("Healthy", AppHostResources.State(await Resources.GetAsync("roomdb")));
    }

}
