using System.Runtime.InteropServices;
using System.Text;

namespace Accommodation.Hosting.Kafka;

/// <summary>
/// The few librdkafka mock-cluster functions we call, bound by hand (they are experimental and not in Confluent.Kafka's API).
/// It binds to the very librdkafka file Confluent.Kafka loaded, so the process holds one copy of the library.
/// </summary>
internal sealed unsafe class LibrdkafkaMockApi
{
    private const int ProducerClientType = 0;

    private static readonly Lazy<LibrdkafkaMockApi> Loaded = new(Load);

    private readonly delegate* unmanaged<nint> _confNew;
    private readonly delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int> _confSet;
    private readonly delegate* unmanaged<int, nint, byte*, nuint, nint> _new;
    private readonly delegate* unmanaged<nint, void> _destroy;
    private readonly delegate* unmanaged<int, nint> _errorToString;
    private readonly delegate* unmanaged<nint, int, nint> _mockClusterNew;
    private readonly delegate* unmanaged<nint, void> _mockClusterDestroy;
    private readonly delegate* unmanaged<nint, nint> _mockClusterBootstraps;
    private readonly delegate* unmanaged<nint, byte*, int, int, int> _mockTopicCreate;
    private readonly delegate* unmanaged<nint, int, void> _mockSetControllerId;
    private readonly delegate* unmanaged<nint, int, byte*, int, int> _mockBrokerSetHostPort;
    private readonly delegate* unmanaged<nint, int, int> _mockBrokerSetDown;
    private readonly delegate* unmanaged<nint, int, int> _mockBrokerSetUp;

    private LibrdkafkaMockApi(nint library)
    {
        _confNew = (delegate* unmanaged<nint>)Export(library, "rd_kafka_conf_new");
        _confSet = (delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int>)Export(library, "rd_kafka_conf_set");
        _new = (delegate* unmanaged<int, nint, byte*, nuint, nint>)Export(library, "rd_kafka_new");
        _destroy = (delegate* unmanaged<nint, void>)Export(library, "rd_kafka_destroy");
        _errorToString = (delegate* unmanaged<int, nint>)Export(library, "rd_kafka_err2str");
        _mockClusterNew = (delegate* unmanaged<nint, int, nint>)Export(library, "rd_kafka_mock_cluster_new");
        _mockClusterDestroy = (delegate* unmanaged<nint, void>)Export(library, "rd_kafka_mock_cluster_destroy");
        _mockClusterBootstraps = (delegate* unmanaged<nint, nint>)Export(library, "rd_kafka_mock_cluster_bootstraps");
        _mockTopicCreate = (delegate* unmanaged<nint, byte*, int, int, int>)Export(library, "rd_kafka_mock_topic_create");
        _mockSetControllerId = (delegate* unmanaged<nint, int, void>)Export(library, "rd_kafka_mock_set_controller_id");
        _mockBrokerSetHostPort = (delegate* unmanaged<nint, int, byte*, int, int>)Export(library, "rd_kafka_mock_broker_set_host_port");
        _mockBrokerSetDown = (delegate* unmanaged<nint, int, int>)Export(library, "rd_kafka_mock_broker_set_down");
        _mockBrokerSetUp = (delegate* unmanaged<nint, int, int>)Export(library, "rd_kafka_mock_broker_set_up");
    }

    public static LibrdkafkaMockApi Instance => Loaded.Value;

    /// <summary>Creates the client handle a mock cluster needs as its owner; it never connects anywhere.</summary>
    public nint CreateOwnerHandle()
    {
        var conf = _confNew();
        // The owner has no bootstrap servers on purpose; keep its warning about that out of the console.
        SetConf(conf, "log_level", "3");
        var error = new byte[512];
        fixed (byte* errorText = error)
        {
            var handle = _new(ProducerClientType, conf, errorText, (nuint)error.Length);
            if (handle == 0)
            {
                throw new InvalidOperationException($"rd_kafka_new failed: {Encoding.UTF8.GetString(error).TrimEnd('\0')}");
            }

            return handle;
        }
    }

    public void DestroyHandle(nint handle) => _destroy(handle);

    public nint CreateMockCluster(nint owner, int brokers)
    {
        var cluster = _mockClusterNew(owner, brokers);
        return cluster != 0 ? cluster : throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
    }

    public void DestroyMockCluster(nint cluster) => _mockClusterDestroy(cluster);

    public string GetBootstraps(nint cluster) =>
        Marshal.PtrToStringUTF8(_mockClusterBootstraps(cluster)) ?? throw new InvalidOperationException("The mock cluster has no bootstraps.");

    public void CreateTopic(nint cluster, string topic, int partitions, int replicationFactor)
    {
        fixed (byte* name = NullTerminated(topic))
        {
            ThrowOnError(_mockTopicCreate(cluster, name, partitions, replicationFactor), $"create topic '{topic}'");
        }
    }

    public void SetControllerId(nint cluster, int brokerId) => _mockSetControllerId(cluster, brokerId);

    public void SetBrokerAdvertisedAddress(nint cluster, int brokerId, string host, int port)
    {
        fixed (byte* hostText = NullTerminated(host))
        {
            ThrowOnError(_mockBrokerSetHostPort(cluster, brokerId, hostText, port), $"advertise broker {brokerId} as {host}:{port}");
        }
    }

    /// <summary>The broker closes its connections and refuses new ones; its partitions keep their messages.</summary>
    public void SetBrokerDown(nint cluster, int brokerId) =>
        ThrowOnError(_mockBrokerSetDown(cluster, brokerId), $"take broker {brokerId} down");

    public void SetBrokerUp(nint cluster, int brokerId) =>
        ThrowOnError(_mockBrokerSetUp(cluster, brokerId), $"bring broker {brokerId} up");

    private void SetConf(nint conf, string name, string value)
    {
        var error = new byte[512];
        fixed (byte* nameText = NullTerminated(name))
        fixed (byte* valueText = NullTerminated(value))
        fixed (byte* errorText = error)
        {
            if (_confSet(conf, nameText, valueText, errorText, (nuint)error.Length) != 0)
            {
                throw new InvalidOperationException($"rd_kafka_conf_set {name}: {Encoding.UTF8.GetString(error).TrimEnd('\0')}");
            }
        }
    }

    private void ThrowOnError(int errorCode, string operation)
    {
        if (errorCode != 0)
        {
            throw new InvalidOperationException($"Kafka mock could not {operation}: {Marshal.PtrToStringUTF8(_errorToString(errorCode))}");
        }
    }

    private static byte[] NullTerminated(string text) => Encoding.UTF8.GetBytes(text + '\0');

    private static nint Export(nint library, string name) => NativeLibrary.GetExport(library, name);

    private static LibrdkafkaMockApi Load()
    {
        // Let Confluent.Kafka pick its librdkafka first (librdkafka.so or the centos8 fallback), then bind to that same file.
        Confluent.Kafka.Library.Load();
        return new LibrdkafkaMockApi(NativeLibrary.Load(FindLoadedLibrdkafkaPath()));
    }

    private static string FindLoadedLibrdkafkaPath()
    {
        // Each /proc/self/maps line ends with the mapped file's path.
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var start and >= 0 ? line[start..] : null)
            .FirstOrDefault(file => file is not null && Path.GetFileName(file).Contains("librdkafka", StringComparison.Ordinal));
        return path ?? throw new InvalidOperationException("Confluent.Kafka did not load librdkafka into this process.");
    }
}
