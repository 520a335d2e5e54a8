using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Accommodation.Dashboard.Telemetry;
using Accommodation.Testing;

namespace Dashboard.Tests;

public sealed class TelemetryApiTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Lists_traces_and_logs_filtered_and_a_trace_by_id()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Store.Add([
            new SpanEntry(new("gateway", "gateway"), "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", null, "POST /api/v1/reservations", "Server",
                Now, Now.AddMilliseconds(42), SpanStatus.Unset, null, "Microsoft.AspNetCore", new Dictionary<string, string>(), []),
        ]);
        receiver.Store.Add([
            new LogEntry(new("payment", "payment"), Now, "Warning", 13, "Payments", "declined", "0af7651916cd43dd8448eb211c80319c", null, new Dictionary<string, string>()),
            new LogEntry(new("payment", "payment"), Now, "Information", 9, "Payments", "approved", null, null, new Dictionary<string, string>()),
        ]);
        using var client = receiver.CreateClient();

        var traces = await client.GetFromJsonAsync<JsonElement>("api/telemetry/traces?service=gateway");
        var trace = await client.GetFromJsonAsync<JsonElement>("api/telemetry/traces/0af7651916cd43dd8448eb211c80319c");
        var warnings = await client.GetFromJsonAsync<JsonElement>("api/telemetry/logs?service=payment&minLevel=warning");

        Assert.Equal(42d, Assert.Single(traces.EnumerateArray().ToList()).GetProperty("durationMs").GetDouble());
        Assert.Equal("POST /api/v1/reservations", Assert.Single(trace.EnumerateArray().ToList()).GetProperty("name").GetString());
        Assert.Equal("declined", Assert.Single(warnings.EnumerateArray().ToList()).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("api/telemetry/traces?limit=0", "limit")]
    [InlineData("api/telemetry/traces?minDurationMs=-1", "minDurationMs")]
    [InlineData("api/telemetry/logs?minLevel=Loud", "minLevel")]
    [InlineData("api/telemetry/logs?limit=100000", "limit")]
    public async Task A_bad_query_is_a_400_problem_naming_the_parameter(string path, string parameter)
    {
        await using var receiver = await Receiver.StartAsync();
        using var client = receiver.CreateClient();

        using var response = await client.GetAsync(path);

        await ProblemAssert.HasErrorForAsync(response, parameter);
    }

    [Fact]
    public async Task An_unknown_trace_is_a_404_problem()
    {
        await using var receiver = await Receiver.StartAsync();
        using var client = receiver.CreateClient();

        using var response = await client.GetAsync("api/telemetry/traces/4bf92f3577b34da6a3ce929d0e0e4736");

        await ProblemAssert.IsProblemAsync(response, (int)HttpStatusCode.NotFound);
    }
}
