using System.Text.Json.Serialization;
using Accommodation.Messaging;
using Accommodation.Reservations.Api.Apis;
using Accommodation.Reservations.Api.Application;
using Accommodation.Reservations.Api.Grpc;
using Accommodation.Reservations.Api.IntegrationEvents;
using Accommodation.Reservations.Infrastructure;
using Accommodation.Reservations.Infrastructure.IntegrationEvents.Events;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Http.Json;

namespace Accommodation.Reservations.Api.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // First: its database migration must run before the hosted services below start.
        builder.AddReservationInfrastructure();

        builder.Services.AddOptions<ReservationOptions>()
            .Bind(builder.Configuration.GetSection(ReservationOptions.SectionName))
            .Validate(options => options.HoldTime > TimeSpan.Zero && options.HoldExpiryScanInterval > TimeSpan.Zero,
                "Reservation:HoldTime and Reservation:HoldExpiryScanInterval must be positive.")
            .Validate(options => TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _),
                "Reservation:TimeZone is not a time zone this machine knows.")
            .ValidateOnStart();
        builder.Services.AddSingleton<HotelClock>();
        builder.Services.AddScoped<ReservationCommands>();
        builder.Services.AddScoped<ReservationQueries>();
        builder.Services.AddHostedService<HoldExpiryService>();

        // One consumer group for the whole service: the catalog replica and room's check-outs.
        builder.AddKafkaEventConsumer("kafka", consumerGroup: "reservation", subscriptions => subscriptions
            .OnRoomCatalogChanges()
            .On<RoomCheckedOutIntegrationEvent, RoomCheckedOutIntegrationEventHandler>(ReservationInfrastructure.RoomEventsTopic));

        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ReservationErrorInterceptor>();
            // gRPC's route for unknown services ({service}/{method}) also matches /api/v1/reservations, and would answer a
            // wrong method or a body that is not JSON there with 404 instead of routing's 405 or 415.
            grpc.IgnoreUnknownServices = true;
        });
        builder.Services.AddSingleton<IServiceMethodProvider<ReservationsGrpcService>, ReservationsGrpcMethods>();
        builder.Services.AddHttpConventions();
        builder.Services.AddServiceOpenApi();
    }

    // How requests are read and how every refusal is written: validation, JSON and problem details.
    private static void AddHttpConventions(this IServiceCollection services)
    {
        services.AddValidation();
        services.AddExceptionHandler<ReservationExceptionHandler>();
        services.Configure<JsonOptions>(options =>
        {
            // Statuses travel as names ("Held"), as in the events.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
    }
}
