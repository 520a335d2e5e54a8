using Accommodation.Messaging;
using Accommodation.RoomView.Api.Infrastructure;
using Accommodation.RoomView.Api.IntegrationEvents.EventHandling;
using Accommodation.RoomView.Api.IntegrationEvents.Events;
using Accommodation.RoomView.Api.Model;

namespace Accommodation.RoomView.Api.Extensions;

internal static class Extensions
{
    public const string RoomEventsTopic = "room-events";
    public const string ReservationEventsTopic = "reservation-events";
    public const string PaymentEventsTopic = "payment-events";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("cache");
        builder.Services.AddSingleton<IRoomInfoStore, RedisRoomInfoStore>();
        builder.Services.AddSingleton<IReservationViewStore, RedisReservationViewStore>();

        builder.AddKafkaEventConsumer("kafka", consumerGroup: "roomview", subscriptions => subscriptions
            .On<RoomRegisteredIntegrationEvent, RoomRegisteredIntegrationEventHandler>(RoomEventsTopic)
            .On<RoomChangedIntegrationEvent, RoomChangedIntegrationEventHandler>(RoomEventsTopic)
            .On<ReservationPlacedIntegrationEvent, ReservationIntegrationEventHandler<ReservationPlacedIntegrationEvent>>(ReservationEventsTopic)
            .On<ReservationConfirmedIntegrationEvent, ReservationIntegrationEventHandler<ReservationConfirmedIntegrationEvent>>(ReservationEventsTopic)
            .On<ReservationCancelledIntegrationEvent, ReservationIntegrationEventHandler<ReservationCancelledIntegrationEvent>>(ReservationEventsTopic)
            .On<ReservationExpiredIntegrationEvent, ReservationIntegrationEventHandler<ReservationExpiredIntegrationEvent>>(ReservationEventsTopic)
            .On<ReservationCheckedOutIntegrationEvent, ReservationIntegrationEventHandler<ReservationCheckedOutIntegrationEvent>>(ReservationEventsTopic)
            .On<PaymentApprovedIntegrationEvent, PaymentApprovedIntegrationEventHandler>(PaymentEventsTopic)
            .On<PaymentRefundedIntegrationEvent, PaymentRefundedIntegrationEventHandler>(PaymentEventsTopic));

        builder.Services.AddValidation();
        builder.Services.AddServiceOpenApi();
    }
}
