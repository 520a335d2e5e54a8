using System.Text.Json.Serialization;
using Accommodation.Messaging;
using Accommodation.Rooms.Api.Apis;
using Accommodation.Rooms.Api.Domain;
using Accommodation.Rooms.Api.Infrastructure;
using Accommodation.Rooms.Api.IntegrationEvents.EventHandling;
using Accommodation.Rooms.Api.IntegrationEvents.Events;
using Microsoft.AspNetCore.Http.Json;

namespace Accommodation.Rooms.Api.Extensions;

internal static class Extensions
{
    public const string ReservationEventsTopic = "reservation-events";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<RoomDbContext>("roomdb");
        // Registered before the relay so the outbox table exists when the relay starts.
        builder.Services.AddDatabaseMigration<RoomDbContext>();
        builder.AddKafkaOutboxRelay<RoomDbContext>("kafka");
        // Every reservation event carries the whole snapshot, so one handler keeps the nights for all five.
        builder.AddKafkaEventConsumer("kafka", consumerGroup: "room", subscriptions => subscriptions
            .On<ReservationPlacedIntegrationEvent, ReservationIntegrationEventHandler<ReservationPlacedIntegrationEvent>>(ReservationEventsTopic)
            .On<ReservationConfirmedIntegrationEvent, ReservationIntegrationEventHandler<ReservationConfirmedIntegrationEvent>>(ReservationEventsTopic)
            .On<ReservationCancelledIntegrationEvent, ReservationIntegrationEventHandler<ReservationCancelledIntegrationEvent>>(ReservationEventsTopic)
            .On<ReservationExpiredIntegrationEvent, ReservationIntegrationEventHandler<ReservationExpiredIntegrationEvent>>(ReservationEventsTopic)
            .On<ReservationCheckedOutIntegrationEvent, ReservationIntegrationEventHandler<ReservationCheckedOutIntegrationEvent>>(ReservationEventsTopic));

        builder.Services.AddScoped<IRoomRepository, RoomRepository>();
        builder.Services.AddScoped<IRoomReservationRepository, RoomReservationRepository>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<RoomOptions>()
            .Bind(builder.Configuration.GetSection(RoomOptions.SectionName))
            .Validate(options => TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _), "Room:TimeZone is not a time zone this machine knows.")
            .ValidateOnStart();
        builder.Services.AddSingleton<HotelClock>();

        builder.Services.AddHttpConventions();
        builder.Services.AddServiceOpenApi();
    }

    // How requests are read and how every refusal is written: validation, JSON and problem details.
    private static void AddHttpConventions(this IServiceCollection services)
    {
        services.AddValidation();
        services.AddExceptionHandler<RoomExceptionHandler>();
        services.Configure<JsonOptions>(options =>
        {
            // Room types travel as names ("Deluxe", any case), never as numbers.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // A price sent as a string is a wrong type, not a number to guess.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
    }
}
