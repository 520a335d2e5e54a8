using Accommodation.Messaging;
using Accommodation.Reservations.Domain.Ports;
using Accommodation.Reservations.Infrastructure.Catalog;
using Accommodation.Reservations.Infrastructure.IntegrationEvents.EventHandling;
using Accommodation.Reservations.Infrastructure.IntegrationEvents.Events;
using Accommodation.Reservations.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Accommodation.Reservations.Infrastructure;

public static class ReservationInfrastructure
{
    public const string RoomEventsTopic = "room-events";

    /// <summary>The outbound adapters: PostgreSQL <c>reservationdb</c> with its outbox relay, the room catalog replica, payment over HTTP.</summary>
    public static void AddReservationInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ReservationDbContext>("reservationdb", configureDbContextOptions: options =>
            // A refused overlap (23P01) is an expected 409, not an error. A failure nobody handles is still logged as an
            // error where it surfaces (the exception handler, the worker), so EF's own report of it is only information.
            options.ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.CommandError, LogLevel.Information),
                (CoreEventId.SaveChangesFailed, LogLevel.Information))));
        // Registered before the relay and every other hosted service, so the schema exists when they start.
        builder.Services.AddDatabaseMigration<ReservationDbContext>();
        builder.AddKafkaOutboxRelay<ReservationDbContext>("kafka");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IReservationRepository, ReservationRepository>();
        builder.Services.AddScoped<RoomCatalog>();
        builder.Services.AddScoped<IRoomCatalog>(services => services.GetRequiredService<RoomCatalog>());

        // Service discovery resolves "payment"; ServiceDefaults adds the standard resilience handler to every client.
        builder.Services.AddHttpClient<PaymentClient>(http => http.BaseAddress = new Uri(PaymentClient.BaseAddress));
        builder.Services.AddTransient<IPaymentService>(services => services.GetRequiredService<PaymentClient>());
    }

    /// <summary>Keeps the room catalog replica up to date from <c>room-events</c> by versioned upserts.</summary>
    public static EventSubscriptions OnRoomCatalogChanges(this EventSubscriptions subscriptions) => subscriptions
        .On<RoomRegisteredIntegrationEvent, RoomRegisteredIntegrationEventHandler>(RoomEventsTopic)
        .On<RoomChangedIntegrationEvent, RoomChangedIntegrationEventHandler>(RoomEventsTopic);
}
