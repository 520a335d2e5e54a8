using Accommodation.Notification.Api.IntegrationEvents.EventHandling;
using Accommodation.Notification.Api.IntegrationEvents.Events;
using Accommodation.Notification.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Notification.Tests.Functional;

[Collection(nameof(NotificationCollection))]
public sealed class DuplicateEventTests(NotificationFixture fixture)
{
    private readonly HttpClient _client = fixture.Service.CreateManagerClient();
    private readonly string _customerId = TestReservation.NewCustomerId();

    [Fact]
    public async Task The_same_event_delivered_three_times_makes_one_notice_and_one_message()
    {
        var reservation = TestReservation.New(_customerId);
        var confirmed = reservation.Confirmed(Guid.CreateVersion7());

        await fixture.Publisher.PublishAsync(confirmed);
        await fixture.Publisher.PublishAsync(confirmed);
        await fixture.Publisher.PublishAsync(confirmed);
        // Same key, same partition: once the later event has its notice, the three copies were all handled before it.
        var later = reservation.CheckedOut(Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        await fixture.Publisher.PublishAsync(later);

        var notices = await _client.WaitForNoticesAsync(_customerId, 2, "Sent");
        Assert.Equal([confirmed.Id, later.Id], notices.Select(notice => notice.GetProperty("eventId").GetGuid()).Order());
        Assert.Equal(
            notices.Select(notice => notice.GetProperty("id").GetString()).Order(StringComparer.Ordinal),
            fixture.MessageEndpoint.To(_customerId).Select(message => message.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_same_event_handled_three_times_at_once_makes_one_notice_and_one_message()
    {
        var confirmed = new ReservationConfirmedIntegrationEvent(
            TestReservation.New(_customerId).ReservationNumber, _customerId, "101", new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 26),
            240_000m, "Confirmed", Guid.CreateVersion7(), 2);

        // As when a redelivery after a rebalance meets the first delivery still in flight on another replica.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await using var scope = fixture.Service.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReservationIntegrationEventHandler>().HandleAsync(confirmed, CancellationToken.None);
        })));

        var notice = Assert.Single(await _client.WaitForNoticesAsync(_customerId, 1, "Sent"));
        Assert.Equal(confirmed.Id, notice.GetProperty("eventId").GetGuid());
        Assert.Equal(notice.GetProperty("id").GetString(), Assert.Single(fixture.MessageEndpoint.To(_customerId)).IdempotencyKey);
    }
}
