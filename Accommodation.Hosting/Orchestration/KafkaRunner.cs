using System.Net.Sockets;
using Accommodation.Hosting.Kafka;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Accommodation.Hosting.Orchestration;

/// <summary>
/// Starts the embedded broker (or uses the external cluster) and creates the declared topics. Stopping the embedded
/// broker takes it down with its messages kept, as a real broker keeps its log; starting brings it back up.
/// </summary>
internal sealed class KafkaRunner(KafkaResource resource, ConsoleOutput output) : ResourceRunner
{
    private EmbeddedKafkaBroker? _broker;
    private IAdminClient? _admin;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_broker is { IsDown: true })
        {
            _broker.BringUp();
            output.WriteLine(resource.Name, "Embedded Kafka broker is up again");
            return;
        }

        ConnectionString = resource.BootstrapServers;
        if (resource.IsEmbedded)
        {
            StartEmbeddedBroker();
        }

        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = resource.BootstrapServers })
            .SetLogHandler((_, message) => output.WriteLine(resource.Name, message.Message))
            .Build();
        if (!resource.IsEmbedded)
        {
            await CreateTopicsOnExternalClusterAsync(_admin);
        }
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            try
            {
                return _admin!.GetMetadata(TimeSpan.FromSeconds(2)).Brokers.Count > 0;
            }
            catch (KafkaException)
            {
                return false;
            }
        },
        cancellationToken);

    public override Task StopAsync()
    {
        if (_broker is { IsDown: false })
        {
            _broker.TakeDown();
            output.WriteLine(resource.Name, "Embedded Kafka broker is down: connections refused, messages kept");
        }

        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        _broker?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void StartEmbeddedBroker()
    {
        try
        {
            _broker = EmbeddedKafkaBroker.Start(resource.Port);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException($"Port {resource.Port} is in use; pick another with --Resources:{resource.Name}:Port=<port>.", exception);
        }

        foreach (var topic in resource.Topics)
        {
            _broker.CreateTopic(topic.Name, topic.Partitions);
        }

        output.WriteLine(resource.Name, $"Embedded Kafka broker (librdkafka mock cluster, in memory) on {_broker.BootstrapServers}; topics: {string.Join(", ", resource.Topics.Select(topic => $"{topic.Name} ({topic.Partitions})"))}");
    }

    private async Task CreateTopicsOnExternalClusterAsync(IAdminClient admin)
    {
        if (resource.Topics.Count == 0)
        {
            return;
        }

        try
        {
            await admin.CreateTopicsAsync(resource.Topics.Select(topic => new TopicSpecification { Name = topic.Name, NumPartitions = topic.Partitions }));
        }
        catch (CreateTopicsException exception) when (exception.Results.All(result => result.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Topics that already exist are kept as they are.
        }
    }
}
