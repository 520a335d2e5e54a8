using Accommodation.Dashboard.Otlp;
using Accommodation.Dashboard.Telemetry;
using Accommodation.Testing;

namespace Dashboard.Tests;

/// <summary>The dashboard's OTLP receiver and telemetry API on a loopback port, over a store of its own.</summary>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private Receiver(LoopbackServer server, TelemetryStore store) => (_server, Store) = (server, store);

    public TelemetryStore Store { get; }

    public Uri BaseAddress => _server.BaseAddress;

    public static async Task<Receiver> StartAsync(TelemetryLimits? limits = null, string? apiKey = null)
    {
        var store = new TelemetryStore(limits ?? new TelemetryLimits());
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapOtlpHttp(store, apiKey);
            app.MapTelemetryApi(store);
        });
        return new Receiver(server, store);
    }

    /// <summary>Where an exporter configured in code sends one signal (the SDK appends no path then).</summary>
    public Uri SignalEndpoint(string signal) => new(BaseAddress, $"v1/{signal}");

    public HttpClient CreateClient() => _server.CreateClient();

    /// <summary>
    /// Waits for what an exporter sent: its ForceFlush can return before the export has reached us (seen on a cold
    /// start), so the tests look at the store, not at the flush.
    /// </summary>
    public Task ReceivedAsync(Func<TelemetryStore, bool> received, string what) =>
        Poll.UntilAsync(() => received(Store), TimeSpan.FromSeconds(15), what);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
