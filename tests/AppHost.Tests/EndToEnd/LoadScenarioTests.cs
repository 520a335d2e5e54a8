using Accommodation.LoadTests.Cli;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;
using Accommodation.LoadTests.Scenarios;
using Xunit.Abstractions;

namespace AppHost.Tests.EndToEnd;

/// <summary>
/// Every load scenario, briefly (a handful of users, seconds per run), against the running system, through the same
/// scenario classes and report writer as the command line. Each asserts what the scenario is about, never timing, and
/// leaves the system as it found it (payment not autoscaled, reservation's breaker on).
/// </summary>
[Collection(RunningSystemCollection.Name)]
public sealed class LoadScenarioTests : RunningSystemTests, IAsyncLifetime
{
    private readonly ITestOutputHelper _testOutput;
    private readonly string _results = Path.Combine(Path.GetTempPath(), $"load-scenarios-{Guid.NewGuid():N}");

    public LoadScenarioTests(RunningSystem system, ITestOutputHelper testOutput) : base(system, testOutput) => _testOutput = testOutput;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_results))
        {
            Directory.Delete(_results, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Booking_storm_finds_exactly_one_winner_per_night()
    {
        var report = await RunAsync(new BookingStormScenario(), "--users", "6", "--duration", "5s", "--rooms", "2", "--nights", "4");

        Assert.True(report.Passed, Describe(report));
        Assert.Equal("Exactly one winner per night: yes", report.Findings[0].Title);
        Assert.True(Assert.Single(report.Runs).Total.Statuses.GetValueOrDefault("409") > 0, "customers raced for the nights");
    }

    [Fact]
    public async Task Circuit_breaker_on_answers_pay_later_without_calling_payment_and_nothing_else_fails()
    {
        // A short, light run need not overload payment, so its gateway fails every call: the breaker must open.
        await Resources.CommandAsync("payment", "redeploy", new { environment = new Dictionary<string, string> { ["Payment__Gateway__UnavailableRate"] = "1" } });
        LoadReport report;
        try
        {
            report = await RunAsync(new CircuitBreakerScenario(), "--users", "16", "--duration", "6s");
        }
        finally
        {
            await Resources.CommandAsync("payment", "redeploy", new { environment = new Dictionary<string, string> { ["Payment__Gateway__UnavailableRate"] = "0" } });
        }

        Assert.Equal([CircuitBreakerScenario.BreakerOnRun, CircuitBreakerScenario.BreakerOffRun], report.Runs.Select(run => run.Name));
        var on = report.Runs[0];
        var pay = on.Steps.Single(step => step.Step == "pay");
        Assert.True(pay.Fallback > 0, $"no pay got the pay-later fallback: {Describe(report)}");
        Assert.True(on.Figures[CircuitBreakerScenario.CallsToPayment] < pay.Requests,
            $"{on.Figures[CircuitBreakerScenario.CallsToPayment]} calls reached payment for {pay.Requests} pays: {Describe(report)}");
        // Every 503 reservation gave is its pay-later fallback. The balancer's own 503 (reservation's /health failing on a
        // starved machine) is timing, not correctness, and is reported apart.
        Assert.All(report.Runs, run =>
        {
            var pays = run.Steps.Single(step => step.Step == "pay");
            Assert.DoesNotContain(pays.Statuses.Keys, status => status.StartsWith('5') && status is not ("503" or AppHostApi.NoReplica));
            Assert.Equal(pays.Fallback, pays.Statuses.GetValueOrDefault("503"));
        });
    }

    [Fact]
    public async Task Autoscale_on_asks_for_more_payment_replicas_and_turns_autoscaling_off_again()
    {
        var report = await RunAsync(new AutoscaleScenario(), "--users", "16", "--duration", "8s", "--target-in-flight", "1", "--max-replicas", "3");

        var on = report.Runs.Single(run => run.Name == AutoscaleScenario.OnRun);
        var wanted = on.Gauges.Single(gauge => gauge.Name == AutoscaleScenario.WantedGauge);
        Assert.True(wanted.Samples.Max(sample => sample.Value) > 1, Describe(report));
        Assert.Equal(1, report.Runs.Single(run => run.Name == AutoscaleScenario.OffRun).Figures["most payment replicas wanted"]);
        Assert.Contains(report.Findings, finding => finding.Title == "Payment scaled out under load: yes");
    }

    [Fact]
    public async Task Zero_downtime_readiness_gated_redeploy_fails_no_request()
    {
        var report = await RunAsync(new ZeroDowntimeScenario(), "--users", "5", "--duration", "10s", "--command-after", "1s");

        var gated = report.Runs.Single(run => run.Name == ZeroDowntimeScenario.GatedRun);
        Assert.True(gated.Total.Requests > 20, Describe(report));
        Assert.Equal(0, gated.Total.Fail);
        Assert.Equal(["redeploy reservation", "redeploy payment", "redeploys done"], gated.Marks.Select(mark => mark.Label));
        Assert.Contains(report.Runs, run => run.Name == ZeroDowntimeScenario.NaiveRun);
    }

    [Fact]
    public async Task Mixed_traffic_fails_no_request()
    {
        var report = await RunAsync(new MixedScenario(), "--rate", "20", "--duration", "5s", "--rooms", "3");

        var run = Assert.Single(report.Runs);
        Assert.True(run.Total.Requests > 30, Describe(report));
        Assert.Equal(0, run.Total.Fail);
    }

    /// <summary>Runs the scenario as the command line would, writes its report, and checks it left payment and reservation as they were.</summary>
    private async Task<LoadReport> RunAsync(IScenario scenario, params string[] options)
    {
        var appHost = new AppHostApi(Running.AppHostApi);
        var settings = LoadTestCli.Settings(scenario,
        [
            "--base-url", Running.Gateway.BaseAddress!.ToString(), "--apphost-api", Running.AppHostApi.BaseAddress!.ToString(), "--apphost-token", Running.AppHostToken ?? "", .. options,
        ]);
        var context = new ScenarioContext(settings, Running.Gateway, appHost, new TestOutputConsole(_testOutput), CancellationToken.None);
        var before = await SystemStateAsync(appHost);

        var report = await scenario.RunAsync(context);

        var directory = await ReportWriter.WriteAsync(report, _results);
        Assert.True(File.Exists(Path.Combine(directory, "report.md")));
        _testOutput.WriteLine(await File.ReadAllTextAsync(Path.Combine(directory, "report.md")));
        Assert.Equal(before, await SystemStateAsync(appHost));
        return report;
    }

    /// <summary>What the scenarios change and must put back: payment's autoscaling and replicas, reservation's breaker.</summary>
    private static async Task<(bool Autoscaling, int? PaymentReplicas, string Breaker)> SystemStateAsync(AppHostApi appHost)
    {
        var payment = await appHost.GetResourceAsync("payment");
        var reservation = await appHost.GetResourceAsync("reservation");
        return (
            payment.Autoscale!.Settings.Enabled,
            payment.DesiredReplicas,
            reservation.EnvironmentOverrides?.GetValueOrDefault(CircuitBreakerScenario.MinimumThroughputVariable) ?? CircuitBreakerScenario.BreakerOn);
    }

    private static string Describe(LoadReport report) =>
        string.Join("; ", report.Findings.Select(finding => $"{finding.Title} — {finding.Detail}"));

    /// <summary>Set-up lines go to the test log; no progress line.</summary>
    private sealed class TestOutputConsole(ITestOutputHelper output) : IRunConsole
    {
        public void Log(string message) => output.WriteLine(message);

        public Task<RunResult> ShowProgressAsync(RunDefinition definition, Func<Action<RunProgress>, Task<RunResult>> run)
        {
            output.WriteLine($"Run {definition.Name}: {definition.Load.Describe()}");
            return run(_ => { });
        }
    }
}
