using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// Notification and roomview run as two processes each: Kafka splits the partitions between the replicas, the
/// stable endpoint spreads requests over both, and still every event has one notice and one view update.
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed partial class ReplicaTests(RunningSystem system, ITestOutputHelper testOutput) : RunningSystemTests(system, testOutput)
{
    private const int Bookings = 12;


    [Theory]
    [InlineData("notification")]
    [InlineData("roomview")]
    public async Task Both_replicas_run_as_their_own_processes_and_each_owns_some_partitions(string service)
    {
        var resource = await Resources.WaitUntilHealthyAsync(service);

        var replicas = AppHostResources.Replicas(resource);
        Assert.Equal([$"{service}-0", $"{service}-1"], replicas.Select(replica => replica.GetProperty("name").GetString()));
        Assert.Equal(2, replicas.Select(replica => replica.GetProperty("processId").GetInt32()).Distinct().Count());
        Assert.Equal(2, replicas.Select(replica => replica.GetProperty("url").GetString()).Append(resource.GetProperty("url").GetString()).Distinct().Count() - 1);

        // After the group settles, each replica's latest assignment is a non-empty share of the partitions.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!replicas.All(replica => LatestAssignment(replica.GetProperty("name").GetString()!) is { Length: > 0 }) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.All(replicas, replica => Assert.False(string.IsNullOrEmpty(LatestAssignment(replica.GetProperty("name").GetString()!)), $"{replica.GetProperty("name")} owns no partition"));
    }

    [Fact]
    public async Task Bookings_spread_over_both_replicas_give_one_notice_per_event_and_a_correct_view()
    {
        var room = await Client.RegisterRoomAsync(pricePerNight: 50_000);
        var firstNight = BookingClient.Today().AddDays(40);
        var numbers = new List<string>();
        for (var index = 0; index < Bookings; index++)
        {
            var reservation = await Client.ReserveAsync(room, firstNight.AddDays(index), firstNight.AddDays(index + 1));
            numbers.Add(reservation.GetProperty("number").GetString()!);
        }

        await Task.WhenAll(numbers.Select(Client.PayAsync));

        // One read per booking, so the stable endpoint has requests to share between the replicas.
        foreach (var number in numbers)
        {
            await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservation(number), reservation =>
                reservation.GetProperty("status").GetString() == "Confirmed" && BookingClient.PaymentStatus(reservation) == "Approved");
        }

        foreach (var number in numbers)
        {
            await Eventually.GetJsonAsync(Client.Gateway, Client.Notices(number), notices =>
                BookingClient.SentNoticeKinds(notices).SetEquals(["ReservationPlaced", "ReservationConfirmed", "PaymentApproved"]));
        }

        // A duplicate would come later than the first copy: give redeliveries time, then count every notice.
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var number in numbers)
        {
            var notices = await Eventually.GetJsonAsync(Client.Gateway, Client.Notices(number), _ => true);
            var kinds = notices.GetProperty("data").EnumerateArray().Select(notice => notice.GetProperty("kind").GetString()).ToList();
            Assert.True(kinds.Count == 3, $"{number}: expected one notice per event, got {string.Join(", ", kinds)}");
        }

        Assert.Equal(numbers.Order(), (await Eventually.GetJsonAsync(Client.Gateway, Client.MyReservations(), _ => true))
            .EnumerateArray().Select(reservation => reservation.GetProperty("reservationNumber").GetString()!).Order());

        // The stable endpoints shared the requests between the replicas.
        foreach (var service in (string[])["roomview", "notification"])
        {
            var replicas = AppHostResources.Replicas(await Resources.GetAsync(service));
            Assert.All(replicas, replica => Assert.True(replica.GetProperty("requests").GetInt64() > 0, $"{replica.GetProperty("name")} served no request"));
        }
    }

    // The last "Kafka partitions assigned: ..." line the replica printed, or null if none yet.
    private string? LatestAssignment(string replica) =>
        Running.Output.Split(Environment.NewLine)
            .Select(line => AssignedLine().Match(line))
            .Where(match => match.Success && match.Groups["replica"].Value == replica)
            .Select(match => match.Groups["partitions"].Value.Trim())
            .LastOrDefault();

    [GeneratedRegex(@"^(?<replica>\S+)\s+\|.*Kafka partitions assigned: (?<partitions>.*)$")]
    private static partial Regex AssignedLine();
}
