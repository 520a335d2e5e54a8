using Accommodation.Messaging;
using Accommodation.RoomView.Api.Infrastructure;
using Accommodation.RoomView.Api.IntegrationEvents.EventHandling;
using Accommodation.RoomView.Api.IntegrationEvents.Events;
using Accommodation.RoomView.Api.Model;

namespace Accommodation.RoomView.Api.Extensions;

internal static class Extensions
{
    public const string RoomEventsTopic = "room-events";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("cache");
        builder.Services.AddSingleton<IRoomInfoStore, RedisRoomInfoStore>();

        builder.AddKafkaEventConsumer("kafka", consumerGroup: "roomview", subscriptions => subscriptions
            .On<RoomRegisteredIntegrationEvent, RoomRegisteredIntegrationEventHandler>(RoomEventsTopic)
            .On<RoomChangedIntegrationEvent, RoomChangedIntegrationEventHandler>(RoomEventsTopic));

        builder.Services.AddOpenApi();
    }
}
