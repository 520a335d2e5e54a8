using System.Net;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using Accommodation.Dashboard.ConsoleLogs;
using Accommodation.Dashboard.Frontend;
using Accommodation.Dashboard.Otlp;
using Accommodation.Dashboard.Telemetry;
using Accommodation.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Accommodation.Hosting.Api;

/// <summary>
/// The AppHost's own web server, on loopback only: the AppHost API, the OTLP receiver and the telemetry API on
/// AppHost:Port (18888), the dashboard's pages there too, and the stable endpoint of every replicated service, each on that service's port.
/// </summary>
internal sealed class AppHostServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AppHostServer(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <summary>Starts listening; null (after saying why) when a port is taken, since nothing can run without it.</summary>
    public static async Task<AppHostServer?> StartAsync(
        Orchestrator orchestrator, int port, IReadOnlyList<ReplicaBalancer> balancers, TelemetryStore telemetry, ConsoleOutput output)
    {
        var dashboard = orchestrator.Model.Dashboard;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        builder.Services.AddProblemDetails();
        // Only loopback names: a web page whose own name resolves to 127.0.0.1 (DNS rebinding) gets no answer.
        builder.Services.AddHostFiltering(options => options.AllowedHosts = ["127.0.0.1", "localhost", "[::1]"]);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            foreach (var balancer in balancers)
            {
                kestrel.Listen(IPAddress.Loopback, balancer.Port);
            }
        });

        var app = builder.Build();
        var balancerByPort = balancers.ToDictionary(balancer => balancer.Port);
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Use((context, next) => balancerByPort.TryGetValue(context.Connection.LocalPort, out var balancer)
            ? balancer.ForwardAsync(context, forwarder)
            : next(context));
        // Only the API's own refusals get problem-details bodies; proxied answers above pass untouched.
        app.UseStatusCodePages();
        app.UseHostFiltering();
        app.UseDashboardAuthentication(dashboard);
        app.MapDashboardLogin(dashboard);
        app.MapDashboardPages();
        app.MapResourcesApi(orchestrator);
        app.MapConsoleLogApi(output.Lines);
        app.MapOtlpHttp(telemetry, orchestrator.Model.OtlpApiKey);
        app.MapTelemetryApi(telemetry);

        try
        {
            await app.StartAsync();
        }
        catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            output.Error($"{exception.Message}. Another AppHost may be running; pick other ports with --AppHost:Port=<port> and --Resources:<name>:Port=<port>.");
            await app.DisposeAsync();
            return null;
        }

        return new AppHostServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
