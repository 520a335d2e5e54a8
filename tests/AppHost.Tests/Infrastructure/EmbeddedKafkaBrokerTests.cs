using System.Net;
using System.Net.Sockets;
using System.Text;
using Accommodation.Hosting.Kafka;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Processes;
using Confluent.Kafka;

namespace AppHost.Tests.Infrastructure;

public sealed class EmbeddedKafkaBrokerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_produced_message_is_consumed_with_its_key_value_and_headers()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("round-trip", partitions: 2);

        await ProduceAsync(broker.BootstrapServers, "round-trip", "room-101", "registered");

        var message = ConsumeOne(broker.BootstrapServers, "round-trip");
        Assert.Equal("room-101", message.Key);
        Assert.Equal("registered", message.Value);
        Assert.Equal("RoomRegistered", Encoding.UTF8.GetString(message.Headers.GetLastBytes("event-type")));
    }

    [Fact]
    public void A_created_topic_shows_its_partition_count_in_metadata()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("four-partitions", partitions: 4);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var topic = admin.GetMetadata("four-partitions", Deadline).Topics.Single();

        Assert.Equal(ErrorCode.NoError, topic.Error.Code);
        Assert.Equal(4, topic.Partitions.Count);
    }

    [Fact]
    public async Task On_a_fixed_port_the_broker_advertises_and_serves_that_port()
    {
        var port = FreePort.Find();
        using var broker = EmbeddedKafkaBroker.Start(port);
        broker.CreateTopic("through-forwarder", partitions: 1);

        Assert.Equal($"127.0.0.1:{port}", broker.BootstrapServers);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = $"localhost:{port}" }).Build();
        var metadata = admin.GetMetadata(Deadline);
        Assert.Equal(port, Assert.Single(metadata.Brokers).Port);

        await ProduceAsync(broker.BootstrapServers, "through-forwarder", "room-102", "changed");
        Assert.Equal("changed", ConsumeOne(broker.BootstrapServers, "through-forwarder").Value);
    }

    [Fact]
    public async Task Describe_cluster_names_a_controller()
    {
        using var broker = EmbeddedKafkaBroker.Start(brokers: 3);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var cluster = await admin.DescribeClusterAsync();

        Assert.Equal(3, cluster.Nodes.Count);
        Assert.Equal(1, cluster.Controller?.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Taking_the_broker_down_ends_its_connections_at_once_even_with_a_child_process_started_after_they_opened(bool fixedPort)
    {
        using var broker = EmbeddedKafkaBroker.Start(fixedPort ? FreePort.Find() : 0);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPEndPoint.Parse(broker.BootstrapServers));
        // An answer proves the broker has accepted the connection: its socket exists before the child starts.
        await client.SendAsync(ApiVersionsRequest);
        var buffer = new byte[64 * 1024];
        Assert.True(await client.ReceiveAsync(buffer) > 0);

        // A child that inherited the broker's socket would keep the connection open after the broker closes it.
        await using var child = ChildProcess.Start(new ChildProcessSpec("sleep", ["300"]), _ => { });
        broker.TakeDown();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await ReceiveUntilClosedAsync(client, buffer, timeout.Token));
    }

    // ApiVersions v0: length 10, api key 18, version 0, correlation id 1, no client id.
    private static readonly byte[] ApiVersionsRequest = [0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF];

    /// <summary>0 once the peer has closed (or reset) the connection; a hang ends in the test's timeout.</summary>
    private static async Task<int> ReceiveUntilClosedAsync(Socket client, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            while (await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }

            return 0;
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    private static async Task ProduceAsync(string bootstrapServers, string topic, string key, string value)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers, Acks = Acks.All }).Build();
        var headers = new Headers { { "event-type", Encoding.UTF8.GetBytes("RoomRegistered") } };
        var result = await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value, Headers = headers });
        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }

    private static Message<string, string> ConsumeOne(string bootstrapServers, string topic)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 1000,
            FetchWaitMaxMs = 10,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        var result = consumer.Consume(Deadline);
        consumer.Close();
        Assert.NotNull(result);
        return result.Message;
    }
}
