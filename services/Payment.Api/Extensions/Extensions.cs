using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Accommodation.Messaging;
using Accommodation.Payments.Api.Apis;
using Accommodation.Payments.Api.Domain;
using Accommodation.Payments.Api.Infrastructure;
using Accommodation.Payments.Api.Infrastructure.Gateway;
using Accommodation.Payments.Api.Infrastructure.Idempotency;
using Accommodation.Payments.Api.IntegrationEvents.EventHandling;
using Accommodation.Payments.Api.IntegrationEvents.Events;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Accommodation.Payments.Api.Extensions;

internal static class Extensions
{
    public const string ReservationEventsTopic = "reservation-events";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<PaymentDbContext>("paymentdb");
        // Registered before the relay so the outbox table exists when the relay starts.
        builder.Services.AddDatabaseMigration<PaymentDbContext>();
        builder.AddKafkaOutboxRelay<PaymentDbContext>("kafka");
        builder.AddKafkaEventConsumer("kafka", consumerGroup: "payment", subscriptions => subscriptions
            .On<ReservationCancelledIntegrationEvent, ReservationCancelledIntegrationEventHandler>(ReservationEventsTopic)
            .On<ReservationExpiredIntegrationEvent, ReservationExpiredIntegrationEventHandler>(ReservationEventsTopic));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IPaymentRepository, PaymentRepository>();
        builder.AddPaymentGateway();
        builder.AddIdempotency();
        builder.AddRefundPolicy();
        builder.AddApprovalConcurrencyLimit();
        builder.Services.AddScoped<PaymentRefunds>();

        builder.Services.AddHttpConventions();
        builder.Services.AddServiceOpenApi();
    }

    private static void AddPaymentGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatedPaymentGatewayOptions>()
            .Bind(builder.Configuration.GetSection(SimulatedPaymentGatewayOptions.SectionName))
            .Validate(options => options.IsValid(), "Latencies must not be negative; rates are between 0 and 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPaymentGateway>(services => ActivatorUtilities.CreateInstance<SimulatedPaymentGateway>(services, Random.Shared));
    }

    private static void AddIdempotency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>()
            .Bind(builder.Configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(options => options.InFlightTimeout > TimeSpan.Zero, "InFlightTimeout must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<IdempotencyStore>();
        builder.Services.AddScoped<PaymentApproval>();
    }

    private static void AddRefundPolicy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaymentOptions>()
            .Bind(builder.Configuration.GetSection(PaymentOptions.SectionName))
            .Validate(options => TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _),
                "Payment:TimeZone is not a time zone this machine knows.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new RefundPolicy(
            TimeZoneInfo.FindSystemTimeZoneById(services.GetRequiredService<IOptions<PaymentOptions>>().Value.TimeZone)));
    }

    public const string ApprovalsLimit = "approvals";

    private static void AddApprovalConcurrencyLimit(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PaymentOptions.SectionName).Get<PaymentOptions>() ?? new PaymentOptions();
        if (options.MaxConcurrentApprovals < 1 || options.ApprovalQueueLimit < 0)
        {
            throw new OptionsValidationException(PaymentOptions.SectionName, typeof(PaymentOptions),
                ["Payment:MaxConcurrentApprovals must be at least 1 and Payment:ApprovalQueueLimit not negative."]);
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddConcurrencyLimiter(ApprovalsLimit, concurrency =>
            {
                concurrency.PermitLimit = options.MaxConcurrentApprovals;
                concurrency.QueueLimit = options.ApprovalQueueLimit;
                concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = PaymentProblems.Busy(options.MaxConcurrentApprovals),
                });
            };
        });
    }

    // How requests are read and how every refusal is written: validation, JSON and problem details.
    private static void AddHttpConventions(this IServiceCollection services)
    {
        services.AddValidation();
        services.AddExceptionHandler<PaymentExceptionHandler>();
        services.Configure<JsonOptions>(options =>
        {
            // Statuses travel as names ("Approved"), never as numbers.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // An amount sent as a string is a wrong type, not a number to guess.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
    }
}
