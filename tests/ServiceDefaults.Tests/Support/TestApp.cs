using System.Net;
using Accommodation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Tests.Support;

/// <summary>A real WebApplication on a free loopback port, reached over real HTTP.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>A plain client for the app, outside its own DI container.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static WebApplicationBuilder CreateBuilder(params (string Key, string? Value)[] configuration)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestApp).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Quiet test output; cleared before AddServiceDefaults, which adds the OpenTelemetry logger back.
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration.Select(entry => KeyValuePair.Create(entry.Key, entry.Value)));
        return builder;
    }

    public static async Task<TestApp> StartAsync(WebApplicationBuilder builder, Action<WebApplication> configure)
    {
        var app = builder.Build();
        configure(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TestApp(app, new Uri(address));
    }

    public async Task<HttpStatusCode> StatusOfAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return response.StatusCode;
    }

    public Task<string> BodyOfAsync(string path) => Client.GetStringAsync(path);

    /// <summary>A real dependency may need a moment after start-up (a first connection); a broken one never gets there.</summary>
    public Task WaitUntilHealthyAsync() =>
        Poll.UntilAsync(
            async () => await StatusOfAsync("/health") == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "/health answers 200");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
