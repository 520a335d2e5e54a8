using System.Text.Json.Serialization;
using Accommodation.Messaging;
using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.Infrastructure;
using Accommodation.Notification.Api.Infrastructure.Channels;
using Accommodation.Notification.Api.Infrastructure.Delivery;
using Accommodation.Notification.Api.IntegrationEvents.EventHandling;
using Accommodation.Notification.Api.IntegrationEvents.Events;
using Microsoft.AspNetCore.Http.Json;
using Polly;

namespace Accommodation.Notification.Api.Extensions;

internal static class Extensions
{
    public const string ReservationEventsTopic = "reservation-events";
    public const string PaymentEventsTopic = "payment-events";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<NotificationDbContext>("notificationdb");
        // Registered before the consumer and the dispatcher so the tables exist when they start.
        builder.Services.AddDatabaseMigration<NotificationDbContext>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddScoped<NoticeRecorder>();
        builder.AddKafkaEventConsumer("kafka", consumerGroup: "notification", subscriptions => subscriptions
            .On<ReservationPlacedIntegrationEvent, ReservationIntegrationEventHandler>(ReservationEventsTopic)
            .On<ReservationConfirmedIntegrationEvent, ReservationIntegrationEventHandler>(ReservationEventsTopic)
            .On<ReservationCancelledIntegrationEvent, ReservationIntegrationEventHandler>(ReservationEventsTopic)
            .On<ReservationExpiredIntegrationEvent, ReservationIntegrationEventHandler>(ReservationEventsTopic)
            .On<ReservationCheckedOutIntegrationEvent, ReservationIntegrationEventHandler>(ReservationEventsTopic)
            .On<PaymentApprovedIntegrationEvent, PaymentIntegrationEventHandler>(PaymentEventsTopic)
            .On<PaymentRefundedIntegrationEvent, PaymentIntegrationEventHandler>(PaymentEventsTopic));

        builder.AddNoticeDelivery();

        builder.Services.AddValidation();
        // Kinds and statuses travel as names ("ReservationConfirmed", "Sent"), never as numbers.
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddServiceOpenApi();
    }

    // The dispatcher and the channel it sends through: KakaoTalk when an endpoint is configured, else the log.
    private static void AddNoticeDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>()
            .Bind(builder.Configuration.GetSection(NotificationOptions.SectionName))
            .Validate(options => options.IsValid(),
                "Notification: MaxAttempts and Senders must be positive, PollInterval positive, MaxRetryBackoff at least RetryBackoff.")
            .ValidateOnStart();
        builder.Services.AddOptions<KakaoTalkOptions>()
            .Bind(builder.Configuration.GetSection(KakaoTalkOptions.SectionName))
            .Validate(options => options.IsValid(),
                $"{KakaoTalkOptions.EndpointKey} must be an absolute http(s) URL, and a SenderKey is required with it.")
            .ValidateOnStart();
        builder.Services.AddSingleton<NoticeDispatchSignal>();

        if (!string.IsNullOrWhiteSpace(builder.Configuration[KakaoTalkOptions.EndpointKey]))
        {
            // The dispatcher retries each notice durably, counted and with backoff; HTTP-level retries would multiply
            // its attempts. So the defaults' handler is replaced by one without retries; timeouts and circuit breaker stay.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is the documented way to replace the defaults' handler.
            builder.Services.AddHttpClient<INoticeChannel, KakaoTalkMessageClient>()
                .RemoveAllResilienceHandlers()
                .AddStandardResilienceHandler(options => options.Retry.ShouldHandle = _ => PredicateResult.False());
#pragma warning restore EXTEXP0001
        }
        else
        {
            builder.Services.AddSingleton<INoticeChannel, LoggingNoticeChannel>();
        }

        builder.Services.AddHostedService<NoticeDispatcher>();
    }
}
