using System.Globalization;
using System.Net;

namespace Accommodation.Hosting.Kafka;

/// <summary>
/// A Kafka-protocol broker inside this process: librdkafka's mock cluster (in memory, loopback, for dev and tests).
/// With a fixed port, a forwarder listens there and the brokers advertise it, so external tools such as kcat work.
/// </summary>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    private const string AdvertisedHost = "127.0.0.1";

    private readonly LibrdkafkaMockApi _api;
    private readonly nint _owner;
    private readonly nint _cluster;
    private readonly List<TcpPortForwarder> _forwarders;
    private readonly int _brokers;
    private readonly Lock _lock = new();
    private bool _disposed;

    private EmbeddedKafkaBroker(LibrdkafkaMockApi api, nint owner, nint cluster, int brokers, List<TcpPortForwarder> forwarders, string bootstrapServers)
    {
        _api = api;
        _owner = owner;
        _cluster = cluster;
        _brokers = brokers;
        _forwarders = forwarders;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Where clients connect, e.g. "127.0.0.1:9092".</summary>
    public string BootstrapServers { get; }

    /// <summary>
    /// Starts a mock cluster of <paramref name="brokers"/> brokers. <paramref name="port"/> 0 uses the mock's own
    /// random ports; any other port is forwarded to broker 1 (further brokers get free forwarded ports).
    /// </summary>
    public static EmbeddedKafkaBroker Start(int port = 0, int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);

        var api = LibrdkafkaMockApi.Instance;
        var owner = api.CreateOwnerHandle();
        nint cluster = 0;
        var forwarders = new List<TcpPortForwarder>();
        try
        {
            cluster = api.CreateMockCluster(owner, brokers);
            // Without a controller id the mock answers DescribeCluster with none, which admin clients reject.
            api.SetControllerId(cluster, 1);
            var bootstraps = api.GetBootstraps(cluster);
            if (port != 0)
            {
                bootstraps = ForwardFixedPorts(api, cluster, bootstraps, port, forwarders);
            }

            return new EmbeddedKafkaBroker(api, owner, cluster, brokers, forwarders, bootstraps);
        }
        catch
        {
            DisposeForwarders(forwarders);
            if (cluster != 0)
            {
                api.DestroyMockCluster(cluster);
            }

            api.DestroyHandle(owner);
            throw;
        }
    }

    /// <summary>Creates a topic broker-side (the mock has no CreateTopics request handler).</summary>
    public void CreateTopic(string name, int partitions = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _api.CreateTopic(_cluster, name, partitions, replicationFactor: 1);
        }
    }

    /// <summary>True between <see cref="TakeDown"/> and <see cref="BringUp"/>.</summary>
    public bool IsDown { get; private set; }

    /// <summary>
    /// Every broker closes its connections and refuses new ones, as when the broker processes stop; the messages and
    /// committed offsets stay, as on a real broker's disk. Clients buffer and retry until <see cref="BringUp"/>.
    /// </summary>
    public void TakeDown() => SetBrokers(down: true);

    public void BringUp() => SetBrokers(down: false);

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        DisposeForwarders(_forwarders);
        _api.DestroyMockCluster(_cluster);
        _api.DestroyHandle(_owner);
    }

    private void SetBrokers(bool down)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var brokerId = 1; brokerId <= _brokers; brokerId++)
            {
                if (down)
                {
                    _api.SetBrokerDown(_cluster, brokerId);
                }
                else
                {
                    _api.SetBrokerUp(_cluster, brokerId);
                }
            }

            if (down)
            {
                // The mock closes its own sockets; ending the relayed ones too tells every client at once, however the
                // mock's sockets fare (a descriptor a child process inherited would keep one open).
                foreach (var forwarder in _forwarders)
                {
                    forwarder.DisconnectAll();
                }
            }

            IsDown = down;
        }
    }

    private static string ForwardFixedPorts(LibrdkafkaMockApi api, nint cluster, string bootstraps, int port, List<TcpPortForwarder> forwarders)
    {
        // The mock lists its brokers in id order (1..n) as "127.0.0.1:port,...".
        var mockEndpoints = bootstraps.Split(',').Select(IPEndPoint.Parse).ToList();
        for (var index = 0; index < mockEndpoints.Count; index++)
        {
            var forwarder = TcpPortForwarder.Start(index == 0 ? port : 0, mockEndpoints[index]);
            forwarders.Add(forwarder);
            api.SetBrokerAdvertisedAddress(cluster, brokerId: index + 1, AdvertisedHost, forwarder.Port);
        }

        return string.Join(',', forwarders.Select(forwarder => string.Create(CultureInfo.InvariantCulture, $"{AdvertisedHost}:{forwarder.Port}")));
    }

    private static void DisposeForwarders(List<TcpPortForwarder> forwarders)
    {
        foreach (var forwarder in forwarders)
        {
            forwarder.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
