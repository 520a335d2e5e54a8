using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

// Settings with the names and configuration sections of Aspire.Confluent.Kafka.
public abstract class KafkaClientSettings
{
    public string? ConnectionString { get; set; }
    public bool DisableHealthChecks { get; set; }
    public bool DisableMetrics { get; set; }
    internal abstract ClientConfig ClientConfig { get; }
}

public sealed class KafkaProducerSettings : KafkaClientSettings
{
    public ProducerConfig Config { get; } = new();
    internal override ClientConfig ClientConfig => Config;
}

public sealed class KafkaConsumerSettings : KafkaClientSettings
{
    public ConsumerConfig Config { get; } = new();
    internal override ClientConfig ClientConfig => Config;
}

public static class KafkaExtensions
{
    public static void AddKafkaProducer<TKey, TValue>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<KafkaProducerSettings>? configureSettings = null,
        Action<ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var settings = builder.ReadKafkaSettings("Aspire:Confluent:Kafka:Producer", connectionName, configureSettings);
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Confluent.Kafka.Producer");
            var metrics = services.GetService<KafkaClientMetrics>();
            var producerBuilder = new ProducerBuilder<TKey, TValue>(settings.Config)
                .SetLogHandler((_, message) => LogKafkaMessage(logger, message))
                .SetErrorHandler((_, error) => LogKafkaError(logger, error))
                .SetStatisticsHandler((_, json) => metrics?.Record(json));
            configureBuilder?.Invoke(producerBuilder);
            return producerBuilder.Build();
        });
    }

    public static void AddKafkaConsumer<TKey, TValue>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<KafkaConsumerSettings>? configureSettings = null,
        Action<ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var settings = builder.ReadKafkaSettings("Aspire:Confluent:Kafka:Consumer", connectionName, configureSettings);
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Confluent.Kafka.Consumer");
            var metrics = services.GetService<KafkaClientMetrics>();
            var consumerBuilder = new ConsumerBuilder<TKey, TValue>(settings.Config)
                .SetLogHandler((_, message) => LogKafkaMessage(logger, message))
                .SetErrorHandler((_, error) => LogKafkaError(logger, error))
                .SetStatisticsHandler((_, json) => metrics?.Record(json))
                // Which replica owns which partitions is the first question when consumers share a group.
                .SetPartitionsAssignedHandler((consumer, partitions) =>
                {
                    metrics?.PartitionsAssigned(consumer.Name, settings.Config.GroupId, partitions);
                    LogPartitions(logger, "assigned", partitions);
                })
                // Also on Close (and for lost partitions): what a consumer gave up is no longer its lag.
                .SetPartitionsRevokedHandler((consumer, partitions) =>
                {
                    metrics?.PartitionsRevoked(consumer.Name, partitions.Select(partition => partition.TopicPartition));
                    LogPartitions(logger, "revoked", partitions.Select(partition => partition.TopicPartition));
                });
            configureBuilder?.Invoke(consumerBuilder);
            return consumerBuilder.Build();
        });
    }

    // Configuration section, then ConnectionStrings:{name}, then code; also registers the health check and metrics.
    private static TSettings ReadKafkaSettings<TSettings>(
        this IHostApplicationBuilder builder, string sectionName, string connectionName, Action<TSettings>? configureSettings)
        where TSettings : KafkaClientSettings, new()
    {
        var settings = new TSettings();
        var section = builder.Configuration.GetSection(sectionName);
        section.Bind(settings);
        section.GetSection("Config").Bind(settings.ClientConfig);
        settings.ConnectionString = builder.Configuration.GetConnectionString(connectionName) ?? settings.ConnectionString;
        configureSettings?.Invoke(settings);
        KafkaConnectionString.Apply(settings.ClientConfig, ConnectionStrings.Require(settings.ConnectionString, connectionName));

        if (!settings.DisableMetrics)
        {
            AddKafkaMetrics(builder, settings.ClientConfig);
        }

        if (!settings.DisableHealthChecks)
        {
            AddKafkaHealthCheck(builder, connectionName, settings.ClientConfig);
        }

        return settings;
    }

    private static void AddKafkaMetrics(IHostApplicationBuilder builder, ClientConfig config)
    {
        // librdkafka reports nothing, consumer lag included, unless asked; once a second is what Aspire's integration uses.
        config.StatisticsIntervalMs ??= 1000;
        builder.Services.TryAddSingleton<KafkaClientMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(KafkaClientMetrics.MeterName));
    }

    // A producer and a consumer on one connection share one check, and one admin client the container disposes.
    // A broker outage degrades health without taking the service out of rotation: requests go on into the outbox,
    // and the relay and consumers catch up once the broker is back.
    private static void AddKafkaHealthCheck(IHostApplicationBuilder builder, string connectionName, ClientConfig clientConfig)
    {
        var name = $"{connectionName}-kafka";
        builder.Services.TryAddKeyedSingleton(name, (_, _) => new KafkaHealthCheck(clientConfig));
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (options.Registrations.All(registration => registration.Name != name))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    name, services => services.GetRequiredKeyedService<KafkaHealthCheck>(name), HealthStatus.Degraded, tags: null));
            }
        });
    }

    private static void LogKafkaMessage(ILogger logger, LogMessage message) =>
        logger.Log(
            (int)message.Level switch
            {
                <= 3 => LogLevel.Error,
                4 => LogLevel.Warning,
                <= 6 => LogLevel.Information,
                _ => LogLevel.Debug,
            },
            "{KafkaFacility} {KafkaClient}: {KafkaMessage}", message.Facility, message.Name, message.Message);

    // e.g. "Kafka partitions assigned: payment-events[0,1] reservation-events[0,1]"
    private static void LogPartitions(ILogger logger, string change, IEnumerable<TopicPartition> partitions) =>
        logger.LogInformation(
            "Kafka partitions {PartitionChange}: {Partitions}",
            change,
            string.Join(' ', partitions.GroupBy(partition => partition.Topic).OrderBy(topic => topic.Key, StringComparer.Ordinal)
                .Select(topic => $"{topic.Key}[{string.Join(',', topic.Select(partition => partition.Partition.Value).Order())}]")));

    private static void LogKafkaError(ILogger logger, Error error) =>
        logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Warning,
            "Kafka error {KafkaErrorCode}: {KafkaReason}", error.Code, error.Reason);
}

internal sealed class KafkaHealthCheck(ClientConfig clientConfig) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _adminClient = new(() => new AdminClientBuilder(ConnectionSettingsOf(clientConfig)).Build());

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        // GetMetadata blocks; keep it off the request thread.
        Task.Run(() =>
        {
            try
            {
                // Well inside a readiness probe's timeout (Kubernetes: 1 s by default, the AppHost: 2 s).
                var metadata = _adminClient.Value.GetMetadata(TimeSpan.FromMilliseconds(800));
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                    : new HealthCheckResult(context.Registration.FailureStatus, "No broker answered.");
            }
            catch (KafkaException exception)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, exception.Error.Reason, exception);
            }
        }, cancellationToken);

    // Where and how to connect (servers, TLS, SASL), without the producer or consumer settings an admin client rejects.
    private static AdminClientConfig ConnectionSettingsOf(ClientConfig config) =>
        new(config
            .Where(setting => setting.Key is "bootstrap.servers" or "client.id" or "security.protocol"
                || setting.Key.StartsWith("sasl.", StringComparison.Ordinal)
                || setting.Key.StartsWith("ssl.", StringComparison.Ordinal))
            .ToDictionary(setting => setting.Key, setting => setting.Value));

    public void Dispose()
    {
        if (_adminClient.IsValueCreated)
        {
            _adminClient.Value.Dispose();
        }
    }
}
