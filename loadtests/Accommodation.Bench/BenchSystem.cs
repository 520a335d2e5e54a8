using System.Diagnostics;
using System.Net.Http.Headers;
using Accommodation.LoadTests.Access;
using Accommodation.LoadTests.Scenarios;
using Accommodation.Testing.EndToEnd;

namespace Accommodation.Bench;

/// <summary>
/// The whole system, started by its built AppHost on free ports with a fresh data folder, as `./scripts/run.sh` would
/// start it; timed from launch to the gateway URL the AppHost prints once every resource is healthy.
/// </summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly AppHostProcess _appHost;
    private readonly string _dataDirectory;
    private readonly SocketsHttpHandler _connections = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2), MaxConnectionsPerServer = 512 };
    private readonly HttpClient _identity;
    private readonly HttpClient _appHostApi;

    private BenchSystem(AppHostProcess appHost, string dataDirectory, Uri gateway, Uri api, TimeSpan startUp)
    {
        (_appHost, _dataDirectory, Gateway, StartUp) = (appHost, dataDirectory, gateway, startUp);
        _identity = new HttpClient(_connections, disposeHandler: false) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        Tokens = new AccessTokens(_identity, ClientCredentials.Development);
        Http = new HttpClient(new BearerTokenHandler(Tokens) { InnerHandler = _connections }, disposeHandler: false)
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(40),
        };
        _appHostApi = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(5) };
        if (appHost.ApiToken is { } token)
        {
            _appHostApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        AppHost = new AppHostApi(_appHostApi);
    }

    public Uri Gateway { get; }

    /// <summary>From launching the built AppHost to every resource healthy.</summary>
    public TimeSpan StartUp { get; }

    /// <summary>Tokens of the load-test client and of its synthetic customers.</summary>
    public AccessTokens Tokens { get; }

    /// <summary>Through the gateway, as the load-test client (or a customer, per request).</summary>
    public HttpClient Http { get; }

    public AppHostApi AppHost { get; }

    public HttpClient AppHostHttp => _appHostApi;

    public static async Task<BenchSystem> StartAsync(Action<string> log)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("accommodation-bench-").FullName;
        log("Starting the AppHost (built, Release) with a fresh data folder…");
        var launched = Stopwatch.StartNew();
        var appHost = AppHostProcess.StartIsolated(dataDirectory);
        try
        {
            var api = await appHost.WaitForApiUrlAsync(StartTimeout);
            var gateway = await appHost.WaitForGatewayUrlAsync(StartTimeout);
            var startUp = launched.Elapsed;
            log($"All healthy after {startUp.TotalSeconds:0.0} s; gateway {gateway}");
            return new BenchSystem(appHost, dataDirectory, gateway, api, startUp);
        }
        catch
        {
            log(appHost.Output);
            await appHost.DisposeAsync();
            throw;
        }
    }

    /// <summary>The URL of a service's first replica, to measure it without the gateway.</summary>
    public async Task<Uri> ReplicaUrlAsync(string service, CancellationToken cancellationToken) =>
        new((await AppHost.GetResourceAsync(service, cancellationToken)).Url
            ?? throw new InvalidOperationException($"{service} has no URL."));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _identity.Dispose();
        _appHostApi.Dispose();
        _connections.Dispose();
        await _appHost.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
