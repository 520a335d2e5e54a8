using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

public sealed class ServiceDiscoveryTests
{
    [Fact]
    public async Task Http_client_reaches_a_service_by_its_name_from_configuration()
    {
        await using var payment = await StartPaymentAsync(_ => Results.Text("payment here"));
        await using var caller = await StartCallerAsync(payment.Address);

        using var client = CreatePaymentClient(caller);
        var answer = await client.GetStringAsync("/status");

        Assert.Equal("payment here", answer);
    }

    [Fact]
    public async Task Standard_resilience_retries_a_transient_failure()
    {
        var requests = 0;
        await using var payment = await StartPaymentAsync(_ => Interlocked.Increment(ref requests) == 1
            ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : Results.Text("recovered"));
        await using var caller = await StartCallerAsync(payment.Address);

        using var client = CreatePaymentClient(caller);
        using var response = await client.GetAsync("/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recovered", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, requests);
    }

    private static Task<TestApp> StartPaymentAsync(Func<HttpContext, IResult> status) =>
        TestApp.StartAsync(TestApp.CreateBuilder(), app => app.MapGet("/status", status));

    private static Task<TestApp> StartCallerAsync(Uri paymentAddress)
    {
        // The same key the AppHost sets as services__payment__http__0.
        var builder = TestApp.CreateBuilder(("services:payment:http:0", paymentAddress.ToString()));
        builder.AddServiceDefaults();
        // The standard 2 s back-off would only slow the test down; the retry itself is what is under test.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.Delay = TimeSpan.FromMilliseconds(10));
        return TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());
    }

    private static HttpClient CreatePaymentClient(TestApp caller)
    {
        var client = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        client.BaseAddress = new Uri("http://payment");
        return client;
    }
}
