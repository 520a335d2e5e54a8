using System.Net;
using Accommodation.LoadTests.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoadTests.Tests;

public sealed class HttpOutcomeTests : IAsyncLifetime
{
    private LoopbackServer? _server;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(app =>
        app.MapGet("/status/{code:int}", (int code, bool? retryAfter, HttpResponse response) =>
        {
            if (retryAfter == true)
            {
                response.Headers.RetryAfter = "1";
            }

            return Results.StatusCode(code);
        }));

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    [Theory]
    [InlineData(200, false, OutcomeKind.Ok)]
    [InlineData(201, false, OutcomeKind.Ok)]
    [InlineData(204, false, OutcomeKind.Ok)]
    [InlineData(503, true, OutcomeKind.Fallback)]
    [InlineData(503, false, OutcomeKind.Fail)]
    [InlineData(500, true, OutcomeKind.Fail)]
    [InlineData(502, false, OutcomeKind.Fail)]
    [InlineData(404, false, OutcomeKind.Fail)]
    [InlineData(409, false, OutcomeKind.Fail)]
    public async Task By_default_2xx_is_ok_a_503_with_Retry_After_is_a_fallback_and_the_rest_fails(int status, bool retryAfter, OutcomeKind expected)
    {
        using var http = _server!.CreateClient();

        var outcome = await HttpOutcome.GetAsync(http, $"status/{status}?retryAfter={retryAfter}", CancellationToken.None);

        Assert.Equal(new StepOutcome(expected, status), outcome);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Label);
    }

    [Fact]
    public async Task A_scenario_can_count_more_statuses_as_ok()
    {
        using var http = _server!.CreateClient();
        var raceAnswers = HttpOutcome.AlsoOk(HttpStatusCode.Conflict);

        Assert.Equal(OutcomeKind.Ok, (await HttpOutcome.GetAsync(http, "status/409", CancellationToken.None, raceAnswers)).Kind);
        Assert.Equal(OutcomeKind.Ok, (await HttpOutcome.GetAsync(http, "status/201", CancellationToken.None, raceAnswers)).Kind);
        Assert.Equal(OutcomeKind.Fail, (await HttpOutcome.GetAsync(http, "status/422", CancellationToken.None, raceAnswers)).Kind);
        Assert.Equal(OutcomeKind.Fallback, (await HttpOutcome.GetAsync(http, "status/503?retryAfter=true", CancellationToken.None, raceAnswers)).Kind);
    }

    [Fact]
    public async Task A_refused_connection_fails_as_connection_refused()
    {
        using var http = new HttpClient { BaseAddress = LoopbackServer.RefusingAddress() };

        var result = await new LoadRunner(http).RunAsync(new RunDefinition(
            "refused", LoadModel.Closed(1, TimeSpan.FromSeconds(1)), [new Step("get", (step, ct) => HttpOutcome.GetAsync(step.Http, "", ct))]));

        Assert.True(result.Total.Requests >= 1);
        Assert.Equal(result.Total.Requests, result.Total.Fail);
        Assert.Equal(result.Total.Requests, result.Total.Statuses[StepOutcome.ConnectionRefused]);
        Assert.StartsWith("HttpRequestException", result.Errors[StepOutcome.ConnectionRefused], StringComparison.Ordinal);
        Assert.Null(result.Intervals[0].OfferedRate);
    }
}
