using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Payments.Api.Domain;
using Accommodation.Testing.Kafka;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Payments.Tests.Functional;

[Collection(nameof(PaymentApiCollection))]
public sealed class RefundTests(PaymentApiFactory factory) : IDisposable
{
    private const string Refunded = "PaymentRefundedIntegrationEvent";
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private readonly HttpClient _reservation = factory.CreateReservationClient();
    private readonly HttpClient _manager = factory.CreateManagerClient();
    private readonly ReservationEventsPublisher _publisher = new(factory.KafkaBootstrapServers);

    [Theory]
    [InlineData(3, 1.0, 300_000.00)]
    [InlineData(2, 0.5, 150_000.00)]
    [InlineData(0, 0.0, 0.00)]
    public async Task A_cancelled_paid_reservation_is_refunded_by_the_policy_and_PaymentRefunded_is_published(
        int daysBeforeCheckIn, decimal refundRate, decimal refundedAmount)
    {
        var (reservationNumber, paymentId) = await PayAsync(300_000m);
        // 23:30 UTC is already the next day in Korea: the days are counted on the hotel's calendar.
        var cancelledAt = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(23).AddMinutes(30), TimeSpan.Zero);
        var checkIn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cancelledAt, Seoul).DateTime).AddDays(daysBeforeCheckIn);

        await _publisher.PublishAsync(ReservationEventTypes.Cancelled, Guid.CreateVersion7(), Cancelled(reservationNumber, paymentId, checkIn, cancelledAt));

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        var events = await reader.ReadAsync(reservationNumber, count: 2, quietPeriod: PaymentApiFactory.DuplicateWindow);
        Assert.Equal(["PaymentApprovedIntegrationEvent", Refunded], events.Select(e => e.EventType));
        var refunded = events[1].Payload;
        Assert.Equal(paymentId, refunded.GetProperty("paymentId").GetGuid());
        Assert.Equal(reservationNumber, refunded.GetProperty("reservationNumber").GetString());
        Assert.Equal("customer-9805", refunded.GetProperty("customerId").GetString());
        Assert.Equal(300_000m, refunded.GetProperty("amount").GetDecimal());
        Assert.Equal(refundedAmount, refunded.GetProperty("refundedAmount").GetDecimal());
        Assert.Equal(refundRate, refunded.GetProperty("refundRate").GetDecimal());

        var payment = await _manager.GetFromJsonAsync<JsonElement>($"/api/v1/payments/{paymentId}");
        Assert.Equal("Refunded", payment.GetProperty("status").GetString());
        Assert.Equal(refundedAmount, payment.GetProperty("refundedAmount").GetDecimal());
        Assert.Equal(refunded.GetProperty("refundedAt").GetDateTimeOffset(), payment.GetProperty("refundedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_cancellation_delivered_twice_refunds_once()
    {
        var (reservationNumber, paymentId) = await PayAsync(200_000m);
        var cancellation = Cancelled(reservationNumber, paymentId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10), DateTimeOffset.UtcNow);
        var eventId = Guid.CreateVersion7();

        await _publisher.PublishAsync(ReservationEventTypes.Cancelled, eventId, cancellation);
        await _publisher.PublishAsync(ReservationEventTypes.Cancelled, eventId, cancellation);
        await WaitUntilHandledAsync();

        Assert.Equal(1, await factory.OutboxCountAsync(reservationNumber, Refunded));
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        Assert.Equal(1, (await reader.ReadAsync(reservationNumber, count: 2, quietPeriod: PaymentApiFactory.DuplicateWindow)).Count(e => e.EventType == Refunded));
        var payment = await factory.QueryAsync(db => db.Payments.SingleAsync(p => p.Id == paymentId));
        Assert.Equal((PaymentStatus.Refunded, 200_000m, 2), (payment.Status, payment.RefundedAmount, payment.Version));
    }

    [Fact]
    public async Task Cancellations_of_unpaid_reservations_and_other_reservation_events_change_nothing()
    {
        var (reservationNumber, paymentId) = await PayAsync(100_000m);
        var checkIn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);

        await _publisher.PublishAsync(ReservationEventTypes.Cancelled, Guid.CreateVersion7(), Cancelled(reservationNumber, null, checkIn, DateTimeOffset.UtcNow));
        await _publisher.PublishAsync(ReservationEventTypes.Confirmed, Guid.CreateVersion7(), Cancelled(reservationNumber, paymentId, checkIn, null) with { Status = "Confirmed" });
        await WaitUntilHandledAsync();

        Assert.Equal(0, await factory.OutboxCountAsync(reservationNumber, Refunded));
        var payment = await _manager.GetFromJsonAsync<JsonElement>($"/api/v1/payments/{paymentId}");
        Assert.Equal("Approved", payment.GetProperty("status").GetString());
    }

    public void Dispose() => _publisher.Dispose();

    private async Task<(string ReservationNumber, Guid PaymentId)> PayAsync(decimal amount)
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var response = await _reservation.PayAsync(reservationNumber, amount);
        var payment = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (reservationNumber, payment.GetProperty("paymentId").GetGuid());
    }

    // Everything goes to one partition: once a later cancellation is refunded, every earlier message was handled.
    private async Task WaitUntilHandledAsync()
    {
        var (marker, paymentId) = await PayAsync(1_000m);
        await _publisher.PublishAsync(ReservationEventTypes.Cancelled, Guid.CreateVersion7(),
            Cancelled(marker, paymentId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10), DateTimeOffset.UtcNow));
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        await reader.ReadAsync(marker, count: 2, quietPeriod: TimeSpan.Zero);
    }

    private static ReservationSnapshot Cancelled(string reservationNumber, Guid? paymentId, DateOnly checkIn, DateTimeOffset? cancelledAt) =>
        new(reservationNumber, "customer-9805", "101", checkIn, checkIn.AddDays(2), 300_000m, "Cancelled", paymentId, Version: 3, cancelledAt);
}
