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

    [Fact]
    public async Task With_a_liveness_file_configured_liveness_fails_once_the_file_is_gone()
    {
        var livenessFile = Path.Combine(Path.GetTempPath(), $"alive-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(livenessFile, "");
        var builder = TestApp.CreateBuilder((Extensions.LivenessFileKey, livenessFile));
        builder.AddServiceDefaults();
        await using var app = await TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());

        Assert.Equal(HttpStatusCode.OK, await app.StatusOfAsync("/alive"));
        File.Delete(livenessFile);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await app.StatusOfAsync("/alive"));
    }

    private static Task<TestApp> StartAsync(Action<IHealthChecksBuilder> addChecks)
    {
        var builder = TestApp.CreateBuilder();
        builder.AddServiceDefaults();
        addChecks(builder.Services.AddHealthChecks());
        return TestApp.StartAsync(builder, app => app.MapDefaultEndpoints());
    }
}
