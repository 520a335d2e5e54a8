using Accommodation.Messaging;
using Accommodation.Reservations.Domain.Ports;
using Accommodation.Reservations.Infrastructure.Catalog;
using Accommodation.Reservations.Infrastructure.IntegrationEvents.EventHandling;
using Accommodation.Reservations.Infrastructure.IntegrationEvents.Events;
using Accommodation.Reservations.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Accommodation.Reservations.Infrastructure;

public static class ReservationInfrastructure
{
    public const string RoomEventsTopic = "room-events";

    /// <summary>
    /// The outbound adapters: PostgreSQL <c>reservationdb</c> with its outbox relay, the room catalog replica, payment over
    /// HTTP with an access token from identity.
    /// </summary>
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

        // Payment wants reservation's client-credentials token (scope payment.pay), asked of identity and kept.
        builder.Services.AddOptions<IdentityClientOptions>()
            .Bind(builder.Configuration.GetSection(IdentityClientOptions.SectionName))
            .PostConfigure<IConfiguration>((options, configuration) =>
                options.TokenEndpoint ??= IdentityClientOptions.IdentityTokenEndpoint(configuration));
        builder.Services.AddSingleton<PaymentAccessTokens>();
        builder.Services.AddTransient<PaymentAccessTokenHandler>();
        builder.Services.AddSingleton<PaymentCircuit>();

#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is the documented way to replace the defaults' handler.
        // The token request has its own timeout (Identity:TokenTimeout): the defaults' retries and 30 s would hold a pay request.
        builder.Services.AddHttpClient(PaymentAccessTokens.HttpClientName).RemoveAllResilienceHandlers();

        // Service discovery resolves "payment". The defaults' resilience handler is replaced by one tuned from
        // Reservation:PaymentResilience (appsettings.json: 610 ms per attempt, one retry, a circuit breaker).
        builder.Services.AddHttpClient<PaymentClient>(http => http.BaseAddress = new Uri(PaymentClient.BaseAddress))
            .RemoveAllResilienceHandlers()
            // Outside the resilience handler: a token per payment, not per attempt; identity being down is not payment failing, so never trips its breaker.
            .AddHttpMessageHandler<PaymentAccessTokenHandler>()
            .AddStandardResilienceHandler(builder.Configuration.GetSection("Reservation:PaymentResilience"))
            .Configure((options, services) =>
            {
                var circuit = services.GetRequiredService<PaymentCircuit>();
                options.CircuitBreaker.OnOpened = arguments =>
                {
                    circuit.Opened(arguments.BreakDuration, options.TotalRequestTimeout.Timeout);
                    return ValueTask.CompletedTask;
                };
                options.CircuitBreaker.OnClosed = _ =>
                {
                    circuit.Closed();
                    return ValueTask.CompletedTask;
                };

                var isTransient = options.Retry.ShouldHandle;
                options.Retry.ShouldHandle = arguments =>
                    arguments.Context.GetRequestMessage()?.Headers.Contains(PaymentClient.IdempotencyKeyHeader) == true
                        ? isTransient(arguments)
                        : PredicateResult.False();
            });
#pragma warning restore EXTEXP0001
        builder.Services.AddTransient<IPaymentService>(services => services.GetRequiredService<PaymentClient>());
    }

    /// <summary>Keeps the room catalog replica up to date from <c>room-events</c> by versioned upserts.</summary>
    public static EventSubscriptions OnRoomCatalogChanges(this EventSubscriptions subscriptions) => subscriptions
        .On<RoomRegisteredIntegrationEvent, RoomRegisteredIntegrationEventHandler>(RoomEventsTopic)
        .On<RoomChangedIntegrationEvent, RoomChangedIntegrationEventHandler>(RoomEventsTopic);
}
