using Accommodation.Hosting.Kafka;
using Microsoft.Extensions.Configuration;

namespace Accommodation.Hosting;

public static class KafkaResourceExtensions
{
    public const int DefaultPort = 9092;

    /// <summary>
    /// Kafka for the application: ConnectionStrings:{name} when configured (an existing cluster), otherwise the
    /// embedded broker on Resources:{name}:Port (default 9092).
    /// </summary>
    public static IResourceBuilder<KafkaResource> AddKafka(this DistributedApplicationBuilder builder, string name, int? port = null)
    {
        var external = builder.Configuration.GetConnectionString(name);
        var resolvedPort = builder.GetConfiguredPort(name) ?? port ?? DefaultPort;
        return builder.AddResource(new KafkaResource(name, resolvedPort, string.IsNullOrWhiteSpace(external) ? null : external));
    }

    /// <summary>Declares a topic (created at start) and its dead-letter topic "{name}.dlt" with one partition.</summary>
    public static IResourceBuilder<KafkaResource> WithTopic(this IResourceBuilder<KafkaResource> builder, string name, int partitions = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        builder.Resource.Topics.Add(new KafkaTopic(name, partitions));
        builder.Resource.Topics.Add(new KafkaTopic($"{name}.dlt", 1));
        return builder;
    }
}
