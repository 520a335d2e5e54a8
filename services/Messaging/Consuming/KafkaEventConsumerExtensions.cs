using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Accommodation.Messaging;

public static class KafkaEventConsumerExtensions
{
    /// <summary>
    /// Runs the service's consumer host: one consumer in <paramref name="consumerGroup"/> on the Kafka cluster of
    /// <paramref name="connectionName"/>, handling what <paramref name="subscribe"/> declares. Failures go to
    /// <c>&lt;topic&gt;.dlt</c> after the retries of <c>Messaging:Consumer</c> (or <paramref name="configure"/>);
    /// transient failures (<see cref="KafkaEventConsumerOptions.IsTransient"/>, extended in <paramref name="configure"/>
    /// with <see cref="KafkaEventConsumerOptions.AddTransientException{TException}"/>) are retried until they pass.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaEventConsumer(this IHostApplicationBuilder builder,
        string connectionName, string consumerGroup, Action<EventSubscriptions> subscribe,
        Action<KafkaEventConsumerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        ArgumentNullException.ThrowIfNull(subscribe);
        if (builder.Services.Any(service => service.ServiceType == typeof(EventSubscriptionRegistry)))
        {
            throw new InvalidOperationException(
                "AddKafkaEventConsumer was already called: a service has one consumer group; declare all subscriptions in one call.");
        }

        var subscriptions = new EventSubscriptions(builder.Services, new EventSubscriptionRegistry());
        subscribe(subscriptions);
        if (subscriptions.Registry.Topics.Count == 0)
        {
            throw new InvalidOperationException("AddKafkaEventConsumer needs at least one subscription.");
        }

        builder.AddKafkaConsumer<string, byte[]>(connectionName, settings =>
        {
            settings.Config.GroupId = consumerGroup;
            // Offsets are stored by hand after handling; auto-commit only sends what was stored.
            settings.Config.EnableAutoOffsetStore = false;
            settings.Config.EnableAutoCommit = true;
            settings.Config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        });
        builder.AddIdempotentKafkaProducer(connectionName);

        var options = builder.Services.AddOptions<KafkaEventConsumerOptions>()
            .Bind(builder.Configuration.GetSection(KafkaEventConsumerOptions.SectionName))
            .Validate(o => o.MaxAttempts > 0 && o.RetryBackoff >= TimeSpan.Zero, "MaxAttempts must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<CrashPointTrigger>(CrashPointTrigger.Create);
        builder.Services.AddSingleton(subscriptions.Registry);
        builder.Services.AddSingleton(new ConsumerGroupName(consumerGroup));
        builder.Services.AddHostedService<KafkaEventConsumer>();
        return builder;
    }
}
