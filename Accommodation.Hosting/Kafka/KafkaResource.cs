using System.Globalization;
using Accommodation.Hosting.ApplicationModel;

namespace Accommodation.Hosting.Kafka;

/// <summary>A Kafka cluster: the embedded broker on <see cref="Port"/>, or an external one given its bootstrap servers.</summary>
public sealed class KafkaResource(string name, int port, string? externalBootstrapServers) : Resource(name), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string? ExternalBootstrapServers { get; } = externalBootstrapServers;

    public bool IsEmbedded => ExternalBootstrapServers is null;

    /// <summary>Known before anything starts: the embedded broker always listens on 127.0.0.1:<see cref="Port"/>.</summary>
    public string BootstrapServers => ExternalBootstrapServers ?? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public IList<KafkaTopic> Topics { get; } = [];

    /// <summary>
    /// Client settings for the embedded broker, passed to referencing projects: quick rebalances (the mock waits
    /// session.timeout.ms - 1 s) and short empty fetches (it waits the full fetch.wait.max.ms).
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => IsEmbedded
        ? new Dictionary<string, string>
        {
            ["Aspire__Confluent__Kafka__Consumer__Config__SessionTimeoutMs"] = "6000",
            ["Aspire__Confluent__Kafka__Consumer__Config__HeartbeatIntervalMs"] = "1000",
            ["Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs"] = "10",
            ["Aspire__Confluent__Kafka__Producer__Config__LingerMs"] = "5",
        }
        : new Dictionary<string, string>();
}
