using System.Net.Http.Headers;
using Accommodation.LoadTests.Access;

namespace Accommodation.Testing.EndToEnd;

/// <summary>
/// One AppHost run (every resource and service as a real process) shared by the tests of a collection. Only one runs
/// on the machine at a time, whichever test assembly asks: two systems on two cores would only slow each other down.
/// </summary>
public abstract class RunningSystemFixture : IAsyncLifetime
{
    private static readonly string MachineLockFile = Path.Combine(Path.GetTempPath(), "accommodation-running-system.lock");
    private static readonly TimeSpan MachineLockTimeout = TimeSpan.FromMinutes(30);

    private FileStream? _machineLock;
    private AppHostProcess? _appHost;

    protected RunningSystemFixture() =>
        DataDirectory = Path.Combine(Path.GetTempPath(), $"accommodation-apphost-e2e-{Guid.NewGuid():N}");

    /// <summary>The AppHost's data folder: PostgreSQL, Redis and the replicas' run files live here.</summary>
    public string DataDirectory { get; }

    /// <summary>The gateway as the load-test client (a manager, and a customer of its own); BookingClient plays other customers.</summary>
    public HttpClient Gateway { get; private set; } = new();

    /// <summary>The gateway with no token at all.</summary>
    public HttpClient Anonymous { get; private set; } = new();

    /// <summary>The connections to the gateway every client of this system shares.</summary>
    public SocketsHttpHandler Connections { get; } = new();

    /// <summary>Tokens of the load-test client and its synthetic customers, from identity through the gateway.</summary>
    public AccessTokens Tokens { get; private set; } = null!;

    /// <summary>The AppHost API: GET /api/resources, POST /api/resources/{name}/stop|start|restart|...</summary>
    public HttpClient AppHostApi { get; private set; } = new();

    /// <summary>The dashboard's login link (with its token), as the AppHost printed it.</summary>
    public string? DashboardUrl { get; private set; }

    /// <summary>The AppHost's token: what its API and dashboard ask for (null when run unsecured).</summary>
    public string? AppHostToken => _appHost?.ApiToken;

    public string Output => _appHost?.Output ?? "";

    /// <summary>Configuration for this system on top of its own data folder and free ports, as AppHost command-line arguments.</summary>
    protected virtual IEnumerable<string> Arguments() => [];

    public async Task InitializeAsync()
    {
        _machineLock = await AcquireMachineLockAsync();
        _appHost = AppHostProcess.StartIsolated(DataDirectory, [.. Arguments()]);
        AppHostApi = new HttpClient { BaseAddress = await _appHost.WaitForApiUrlAsync(TimeSpan.FromMinutes(2)), Timeout = TimeSpan.FromMinutes(2) };
        AppHostApi.DefaultRequestHeaders.Authorization = _appHost.ApiToken is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;
        DashboardUrl = _appHost.DashboardUrl;
        var gatewayUrl = await _appHost.WaitForGatewayUrlAsync(TimeSpan.FromMinutes(4));
        Anonymous = new HttpClient { BaseAddress = gatewayUrl };
        Tokens = new AccessTokens(Anonymous, ClientCredentials.Development);
        Gateway = new HttpClient(new BearerTokenHandler(Tokens) { InnerHandler = Connections }, disposeHandler: false) { BaseAddress = gatewayUrl };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        Anonymous.Dispose();
        Connections.Dispose();
        AppHostApi.Dispose();
        if (_appHost is not null)
        {
            await _appHost.DisposeAsync();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        if (_machineLock is not null)
        {
            await _machineLock.DisposeAsync();
        }
    }

    private static async Task<FileStream> AcquireMachineLockAsync()
    {
        // An exclusive open is the lock; the kernel drops it when the holder exits, however it exits.
        var deadline = DateTime.UtcNow + MachineLockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(MachineLockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
