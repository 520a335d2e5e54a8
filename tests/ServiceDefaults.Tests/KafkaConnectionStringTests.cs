using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests;

/// <summary>ConnectionStrings:kafka as bootstrap servers, or an Event Hubs namespace reached through its Kafka endpoint.</summary>
public sealed class KafkaConnectionStringTests
{
    private const string EventHubs = "Endpoint=sb://accommodation-ehns.servicebus.windows.net/;SharedAccessKeyName=services;SharedAccessKey=c2VjcmV0";

    [Fact]
    public void Bootstrap_servers_are_taken_as_they_are_and_the_configured_security_stays()
    {
        var config = new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.ScramSha512 };

        KafkaConnectionString.Apply(config, "broker-1:9092,broker-2:9092");

        Assert.Equal("broker-1:9092,broker-2:9092", config.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
    }

    [Fact]
    public void An_event_hubs_connection_string_is_its_namespaces_kafka_endpoint_over_sasl_ssl_plain()
    {
        var config = new ConsumerConfig();

        KafkaConnectionString.Apply(config, EventHubs);

        Assert.Equal("accommodation-ehns.servicebus.windows.net:9093", config.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.Plain, config.SaslMechanism);
        Assert.Equal("$ConnectionString", config.SaslUsername);
        Assert.Contains("SharedAccessKey=c2VjcmV0", config.SaslPassword, StringComparison.Ordinal);
    }

    [Fact]
    public void One_event_hubs_entity_path_is_dropped_because_the_services_use_several_topics()
    {
        var config = new ProducerConfig();

        KafkaConnectionString.Apply(config, EventHubs + ";EntityPath=room-events");

        Assert.DoesNotContain("EntityPath", config.SaslPassword, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SharedAccessKeyName=services", config.SaslPassword, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_endpoint_that_is_not_a_uri_is_refused_at_start_up_with_what_to_write()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => KafkaConnectionString.Apply(new ProducerConfig(), "Endpoint=not a uri;SharedAccessKey=x"));

        Assert.Contains("sb://<namespace>.servicebus.windows.net/", failure.Message, StringComparison.Ordinal);
    }
}
