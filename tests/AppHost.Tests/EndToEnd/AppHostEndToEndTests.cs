using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Dashboard.Otlp;
using Accommodation.Dashboard.Telemetry;
using Accommodation.LoadTests.Access;
using Accommodation.Testing;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>Everything as real processes: the AppHost, PostgreSQL, Redis, the embedded broker and the services.</summary>
public sealed class AppHostEndToEndTests(ITestOutputHelper testOutput) : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"accommodation-apphost-e2e-{Guid.NewGuid():N}");

    /// <remarks>
    /// This run also points the services at another OTLP endpoint (a receiver of the test's own, as a collector or Jaeger
    /// would be) and turns the dashboard's login off, as a user would on a machine of their own.
    /// </remarks>
    [Fact]
    public async Task A_room_registered_through_the_gateway_shows_in_the_room_view_telemetry_goes_where_configured_and_stopping_leaves_no_process()
    {
        var collector = new TelemetryStore(new TelemetryLimits());
        await using var collectorServer = await LoopbackServer.StartAsync(app => app.MapOtlpHttp(collector));
        await using var appHost = AppHostProcess.StartIsolated(
            _dataDirectory,
            $"--AppHost:OtlpEndpoint={collectorServer.BaseAddress.ToString().TrimEnd('/')}",
            "--Dashboard:Frontend:AuthMode=Unsecured");
        try
        {
            var gatewayUrl = await appHost.WaitForGatewayUrlAsync(TimeSpan.FromMinutes(4));
            using var anonymous = new HttpClient { BaseAddress = gatewayUrl };
            // A manager's token from identity: registering needs one, reading the room view does not.
            var manager = await new AccessTokens(anonymous, ClientCredentials.Development).GetAsync(customerId: null, CancellationToken.None);
            using var gateway = new HttpClient { BaseAddress = gatewayUrl, DefaultRequestHeaders = { Authorization = new("Bearer", manager) } };

            using var registered = await gateway.PostAsJsonAsync("/api/v1/rooms", new { number = "101", type = "Standard", name = "Ocean view", pricePerNight = 120000 });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

            var roomInfo = await PollRoomInfoAsync(anonymous, "101", TimeSpan.FromSeconds(30));
            Assert.Equal("101", roomInfo.GetProperty("number").GetString());
            Assert.Equal("Ocean view", roomInfo.GetProperty("name").GetString());

            // The registration's trace went to the configured endpoint, and none of it to the AppHost's own store.
            await Poll.UntilAsync(() => collector.Traces(new TraceQuery("room"), 100)
                .Any(trace => trace.Services.Contains("gateway") && trace.Services.Contains("roomview")), TimeSpan.FromSeconds(60), "the registration's trace at the configured endpoint");
            using var anyone = new HttpClient { BaseAddress = await appHost.WaitForApiUrlAsync(TimeSpan.FromSeconds(5)) };
            Assert.Equal(0, (await anyone.GetFromJsonAsync<JsonElement>("/api/telemetry/services")).GetArrayLength());
            Assert.Null(appHost.ApiToken);
            Assert.Contains("(unsecured: anyone on this machine can open it and use the API)", appHost.Output, StringComparison.Ordinal);

            var runningTree = LinuxProcesses.TreeOf(appHost.Id);
            Assert.True(runningTree.Count >= 6, $"expected the AppHost with postgres, redis-server and three services, found {runningTree.Count} processes");

            Assert.Equal(0, await appHost.TerminateAsync(TimeSpan.FromSeconds(90)));

            Assert.DoesNotContain(runningTree, LinuxProcesses.IsAlive);
            Assert.DoesNotContain(LinuxProcesses.All(), process => LinuxProcesses.CommandLine(process.Pid)?.Contains(_dataDirectory, StringComparison.Ordinal) == true);
        }
        finally
        {
            testOutput.WriteLine(appHost.Output);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static async Task<JsonElement> PollRoomInfoAsync(HttpClient gateway, string number, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await gateway.GetAsync($"/api/v1/roominfos/{number}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            Assert.True(DateTime.UtcNow < deadline, $"room {number} did not appear in /api/v1/roominfos within {timeout.TotalSeconds} s (last status {response.StatusCode})");
            await Task.Delay(100);
        }
    }
}
