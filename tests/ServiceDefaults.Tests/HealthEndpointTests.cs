using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Both_endpoints_are_healthy_when_every_check_passes()
    {
        await using var app = await StartAsync(_ => { });

        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/health"));
        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/alive"));
    }

    [Fact]
    public async Task A_failing_dependency_fails_readiness_but_not_liveness()
    {
        await using var app = await StartAsync(checks =>
            checks.AddCheck("payment-gateway", () => HealthCheckResult.Unhealthy("unreachable")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await app.StatusOfAsync("/health"));
        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/alive"));
    }

    [Fact]
    public async Task A_failing_live_check_fails_liveness()
    {
        await using var app = await StartAsync(checks =>
            checks.AddCheck("deadlocked", () => HealthCheckResult.Unhealthy("stuck"), [Extensions.LiveTag]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await app.StatusOfAsync("/alive"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await app.StatusOfAsync("/health"));
    }

    private static Task<TestApp> StartAsync(Action<IHealthChecksBuilder> addChecks)
    {
        var builder = TestApp.CreateBuilder();
        builder.AddServiceDefaults();
        addChecks(builder.Services.AddHealthChecks());
        return TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());
    }
}
