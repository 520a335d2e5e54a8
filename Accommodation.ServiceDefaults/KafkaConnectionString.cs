using Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What <c>ConnectionStrings:kafka</c> may be: Kafka's bootstrap servers (<c>host:9092,host2:9092</c>), or an Azure
/// Event Hubs namespace's connection string (<c>Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=…;
/// SharedAccessKey=…</c>), which is reached through its Kafka endpoint: port 9093, SASL_SSL with PLAIN, user
/// <c>$ConnectionString</c> and the connection string as the password. Any other SASL or TLS setting (e.g. for a
/// managed Kafka) comes from the client's <c>Config</c> section, as in Aspire.
/// </summary>
public static class KafkaConnectionString
{
    public const string EventHubsKafkaPort = "9093";

    public static void Apply(ClientConfig config, string connectionString)
    {
        if (!connectionString.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase))
        {
            config.BootstrapServers = connectionString;
            return;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoint = parts.FirstOrDefault(part => part.StartsWith("Endpoint=", StringComparison.OrdinalIgnoreCase))?["Endpoint=".Length..];
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var namespaceUri))
        {
            throw new InvalidOperationException("A Kafka connection string with 'Endpoint=' must name the Event Hubs namespace as a URI (Endpoint=sb://<namespace>.servicebus.windows.net/).");
        }

        config.BootstrapServers = $"{namespaceUri.Host}:{EventHubsKafkaPort}";
        config.SecurityProtocol = SecurityProtocol.SaslSsl;
        config.SaslMechanism = SaslMechanism.Plain;
        config.SaslUsername = "$ConnectionString";
        // The namespace's string, not one event hub's: the services use several topics (event hubs).
        config.SaslPassword = string.Join(';', parts.Where(part => !part.StartsWith("EntityPath=", StringComparison.OrdinalIgnoreCase)));
    }
}
