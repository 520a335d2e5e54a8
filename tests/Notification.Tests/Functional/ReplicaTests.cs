using Accommodation.Notification.Tests.Support;
using Xunit.Abstractions;

namespace Accommodation.Notification.Tests.Functional;

[Collection(nameof(NotificationCollection))]
public sealed class ReplicaTests(NotificationFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_replicas_turn_twenty_events_delivered_twice_into_twenty_messages_without_duplicates()
    {
        var customerId = TestReservation.NewCustomerId();
        // A slow channel keeps sends in flight long enough for both replicas' senders to reach for the same notices.
        fixture.MessageEndpoint.Delay(customerId, TimeSpan.FromMilliseconds(50));
        await using var secondReplica = fixture.NewReplica(senderKey: "second-replica");
        _ = secondReplica.Server;
        var events = Enumerable.Range(0, 20)
            .Select(_ => TestReservation.New(customerId).Confirmed(Guid.CreateVersion7()))
            .ToList();

        foreach (var @event in events.Concat(events))
        {
            await fixture.Publisher.PublishAsync(@event);
        }

        var notices = await fixture.Service.CreateManagerClient().WaitForNoticesAsync(customerId, 20, "Sent", TimeSpan.FromSeconds(60));
        Assert.Equal(events.Select(e => e.Id).Order(), notices.Select(notice => notice.GetProperty("eventId").GetGuid()).Order());
        Assert.All(notices, notice => Assert.Equal(1, notice.GetProperty("attempts").GetInt32()));
        var messages = fixture.MessageEndpoint.To(customerId);
        Assert.Equal(20, messages.Count);
        var sentByReplica = messages.CountBy(message => message.SenderKey ?? "none").ToDictionary();
        output.WriteLine($"Messages sent per replica: {string.Join(", ", sentByReplica)}");
        // Both dispatchers drew from the one queue, so the absence of duplicates above was put to the test.
        Assert.Equal(2, sentByReplica.Count);
        Assert.Equal(
            notices.Select(notice => notice.GetProperty("id").GetString()).Order(StringComparer.Ordinal),
            messages.Select(message => message.IdempotencyKey).Order(StringComparer.Ordinal));
    }
}
