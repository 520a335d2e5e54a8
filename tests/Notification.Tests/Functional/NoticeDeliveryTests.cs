using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Notification.Tests.Support;

namespace Accommodation.Notification.Tests.Functional;

[Collection(nameof(NotificationCollection))]
public sealed class NoticeDeliveryTests(NotificationFixture fixture)
{
    private readonly HttpClient _client = fixture.Service.CreateManagerClient();
    private readonly string _customerId = TestReservation.NewCustomerId();

    [Fact]
    public async Task A_confirmed_reservation_sends_one_KakaoTalk_message_and_the_notice_is_logged_as_sent()
    {
        var reservation = TestReservation.New(_customerId);
        var confirmed = reservation.Confirmed(Guid.CreateVersion7());

        await fixture.Publisher.PublishAsync(confirmed);

        var notice = Assert.Single(await _client.WaitForNoticesAsync(_customerId, 1, "Sent"));
        var expectedText = $"[숙소예약] {_customerId}님, 101호 2026-12-24~2026-12-26 예약이 확정되었습니다. (예약번호 {reservation.ReservationNumber})";
        Assert.Equal(confirmed.Id, notice.GetProperty("eventId").GetGuid());
        Assert.Equal("ReservationConfirmed", notice.GetProperty("kind").GetString());
        Assert.Equal(reservation.ReservationNumber, notice.GetProperty("reservationNumber").GetString());
        Assert.Equal(expectedText, notice.GetProperty("message").GetString());
        Assert.Equal(1, notice.GetProperty("attempts").GetInt32());

        var message = Assert.Single(fixture.MessageEndpoint.To(_customerId));
        Assert.Equal(notice.GetProperty("id").GetString(), message.IdempotencyKey);
        Assert.Equal(expectedText, message.Message);
        Assert.Equal("ReservationConfirmed", message.TemplateCode);
        Assert.Equal(NotificationFixture.SenderKey, message.SenderKey);

        var byId = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{notice.GetProperty("id").GetGuid()}");
        Assert.Equal("Sent", byId.GetProperty("status").GetString());
        Assert.Equal(expectedText, byId.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Every_event_of_both_topics_becomes_one_notice_and_one_message()
    {
        var cancelled = TestReservation.New(_customerId);
        var checkedOut = TestReservation.New(_customerId);
        var expired = TestReservation.New(_customerId);
        var payment = Guid.CreateVersion7();
        ContractEvent[] events =
        [
            cancelled.Placed(DateTimeOffset.UtcNow.AddMinutes(15)),
            cancelled.PaymentApproved(payment),
            cancelled.Confirmed(payment),
            cancelled.Cancelled(payment, DateTimeOffset.UtcNow),
            cancelled.PaymentRefunded(payment, 0.5m),
            checkedOut.CheckedOut(Guid.CreateVersion7(), DateTimeOffset.UtcNow),
            expired.Expired(),
        ];

        foreach (var @event in events)
        {
            await fixture.Publisher.PublishAsync(@event);
        }

        var notices = await _client.WaitForNoticesAsync(_customerId, events.Length, "Sent");
        Assert.Equal(
            ["PaymentApproved", "PaymentRefunded", "ReservationCancelled", "ReservationCheckedOut", "ReservationConfirmed", "ReservationExpired", "ReservationPlaced"],
            notices.Select(notice => notice.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(events.Select(e => e.Id).Order(), notices.Select(notice => notice.GetProperty("eventId").GetGuid()).Order());
        var createdAt = notices.Select(notice => notice.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(createdAt.OrderDescending(), createdAt);

        var messages = fixture.MessageEndpoint.To(_customerId);
        Assert.Equal(
            notices.Select(notice => notice.GetProperty("id").GetString()).Order(StringComparer.Ordinal),
            messages.Select(message => message.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_channel_failing_twice_delivers_the_notice_on_its_third_attempt()
    {
        fixture.MessageEndpoint.FailNext(_customerId, count: 2, status: 503);

        await fixture.Publisher.PublishAsync(TestReservation.New(_customerId).Confirmed(Guid.CreateVersion7()));

        var notice = Assert.Single(await _client.WaitForNoticesAsync(_customerId, 1, "Sent"));
        Assert.Equal(3, notice.GetProperty("attempts").GetInt32());
        Assert.Contains("503", notice.GetProperty("lastError").GetString());
        var requests = fixture.MessageEndpoint.To(_customerId);
        Assert.Equal([503, 503, 200], requests.Select(request => request.AnsweredStatus));
        Assert.All(requests, request => Assert.Equal(notice.GetProperty("id").GetString(), request.IdempotencyKey));
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_marks_the_notice_failed_after_the_last_attempt_and_keeps_the_error()
    {
        fixture.MessageEndpoint.FailAlways(_customerId, status: 500);

        await fixture.Publisher.PublishAsync(TestReservation.New(_customerId).Confirmed(Guid.CreateVersion7()));

        var notice = Assert.Single(await _client.WaitForNoticesAsync(_customerId, 1, "Failed"));
        Assert.Equal(NotificationFixture.MaxAttempts, notice.GetProperty("attempts").GetInt32());
        Assert.Contains("500", notice.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, notice.GetProperty("sentAt").ValueKind);
        Assert.Equal(NotificationFixture.MaxAttempts, fixture.MessageEndpoint.To(_customerId).Count);
    }
}
