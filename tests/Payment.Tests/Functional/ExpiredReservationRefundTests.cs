using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Payments.Api.Domain;
using Accommodation.Testing.Kafka;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Payments.Tests.Functional;

/// <summary>A charge approved but whose confirmation reservation lost: the hold expires, and payment refunds it in full.</summary>
[Collection(nameof(PaymentApiCollection))]
public sealed class ExpiredReservationRefundTests(PaymentApiFactory factory) : IDisposable
{
    private const string Refunded = "PaymentRefundedIntegrationEvent";

    private readonly HttpClient _reservation = factory.CreateReservationClient();
    private readonly HttpClient _manager = factory.CreateManagerClient();
    private readonly ReservationEventsPublisher _publisher = new(factory.KafkaBootstrapServers);

    [Fact]
    public async Task An_expired_reservation_with_an_approved_payment_is_refunded_in_full()
    {
        var (reservationNumber, paymentId) = await PayAsync(300_000m);

        await _publisher.PublishAsync(ReservationEventTypes.Expired, Guid.CreateVersion7(), Expired(reservationNumber));

        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        var events = await reader.ReadAsync(reservationNumber, count: 2, quietPeriod: PaymentApiFactory.DuplicateWindow);
        Assert.Equal(["PaymentApprovedIntegrationEvent", Refunded], events.Select(e => e.EventType));
        var refunded = events[1].Payload;
        Assert.Equal(paymentId, refunded.GetProperty("paymentId").GetGuid());
        Assert.Equal(reservationNumber, refunded.GetProperty("reservationNumber").GetString());
        Assert.Equal(300_000m, refunded.GetProperty("amount").GetDecimal());
        Assert.Equal(300_000m, refunded.GetProperty("refundedAmount").GetDecimal());
        Assert.Equal(1m, refunded.GetProperty("refundRate").GetDecimal());

        var payment = await _manager.GetFromJsonAsync<JsonElement>($"/api/v1/payments/{paymentId}");
        Assert.Equal("Refunded", payment.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_expiry_delivered_twice_refunds_once()
    {
        var (reservationNumber, paymentId) = await PayAsync(200_000m);
        var eventId = Guid.CreateVersion7();

        await _publisher.PublishAsync(ReservationEventTypes.Expired, eventId, Expired(reservationNumber));
        await _publisher.PublishAsync(ReservationEventTypes.Expired, eventId, Expired(reservationNumber));
        await WaitUntilHandledAsync();

        Assert.Equal(1, await factory.OutboxCountAsync(reservationNumber, Refunded));
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        Assert.Equal(1, (await reader.ReadAsync(reservationNumber, count: 2, quietPeriod: PaymentApiFactory.DuplicateWindow)).Count(e => e.EventType == Refunded));
        var payment = await factory.QueryAsync(db => db.Payments.SingleAsync(p => p.Id == paymentId));
        Assert.Equal((PaymentStatus.Refunded, 200_000m, 1m, 2), (payment.Status, payment.RefundedAmount, payment.RefundRate, payment.Version));
    }

    [Fact]
    public async Task An_expired_reservation_without_a_payment_refunds_nothing()
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();

        await _publisher.PublishAsync(ReservationEventTypes.Expired, Guid.CreateVersion7(), Expired(reservationNumber));
        await WaitUntilHandledAsync();

        Assert.Equal(0, await factory.OutboxCountAsync(reservationNumber, Refunded));
        Assert.Equal(0, await factory.PaymentCountAsync(reservationNumber));
    }

    public void Dispose() => _publisher.Dispose();

    private async Task<(string ReservationNumber, Guid PaymentId)> PayAsync(decimal amount)
    {
        var reservationNumber = PaymentScenarios.NewReservationNumber();
        var response = await _reservation.PayAsync(reservationNumber, amount);
        var payment = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (reservationNumber, payment.GetProperty("paymentId").GetGuid());
    }

    // Everything goes to one partition: once a later expiry is refunded, every earlier message was handled.
    private async Task WaitUntilHandledAsync()
    {
        var (marker, _) = await PayAsync(1_000m);
        await _publisher.PublishAsync(ReservationEventTypes.Expired, Guid.CreateVersion7(), Expired(marker));
        using var reader = new IntegrationEventsReader(factory.KafkaBootstrapServers, PaymentApiFactory.PaymentEventsTopic);
        await reader.ReadAsync(marker, count: 2, quietPeriod: TimeSpan.Zero);
    }

    // Reservation never recorded the payment, so the expiry's snapshot carries no payment id.
    private static ReservationSnapshot Expired(string reservationNumber)
    {
        var checkIn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        return new(reservationNumber, "customer-9805", "101", checkIn, checkIn.AddDays(2), 300_000m, "Expired", PaymentId: null, Version: 2);
    }
}
