using Accommodation.LoadTests.Reporting;
using Accommodation.LoadTests.Scenarios;

namespace LoadTests.Tests;

/// <summary>The scenarios end to end through the command line, against <see cref="FakeGateway"/>.</summary>
public sealed class ScenarioTests : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), $"loadtests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_results))
        {
            Directory.Delete(_results, recursive: true);
        }
    }

    [Fact]
    public async Task Booking_storm_finds_exactly_one_winner_per_night_and_writes_its_report()
    {
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway().Map);

        var (exitCode, output, error) = await LoadTestCliTests.RunAsync(
            "booking-storm", "--base-url", gateway.BaseAddress.ToString(), "--users", "4", "--rooms", "2", "--nights", "3", "--duration", "1s",
            "--out", _results);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        Assert.Contains("Exactly one winner per night: yes", output, StringComparison.Ordinal);
        var report = ReadReport("booking-storm");
        Assert.True(report.Passed);
        var run = Assert.Single(report.Runs);
        Assert.Equal("closed: 4 users for 1 s", run.LoadModel);
        Assert.InRange(run.Total.Statuses["201"], 2, 6);
        Assert.True(run.Total.Statuses["409"] > 0);
        Assert.Equal(run.Total.Requests, run.Total.Ok);
        Assert.Contains(report.Findings, finding => finding.Title == "Every 201 is a live reservation: yes");
        Assert.Contains(report.Findings, finding => finding.Title == "Room agrees: yes");
        Assert.Equal("nights won", Assert.Single(run.Gauges).Name);
    }

    [Fact]
    public async Task Booking_storm_fails_when_the_system_double_books()
    {
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway { DoubleBooks = true }.Map);

        var (exitCode, output, _) = await LoadTestCliTests.RunAsync(
            "booking-storm", "--base-url", gateway.BaseAddress.ToString(), "--users", "4", "--rooms", "1", "--nights", "3", "--duration", "500ms",
            "--out", _results);

        Assert.Equal(1, exitCode);
        Assert.Contains("Exactly one winner per night: no", output, StringComparison.Ordinal);
        var finding = ReadReport("booking-storm").Findings[0];
        Assert.False(finding.Passed);
        Assert.Contains("0 by none", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mixed_runs_every_step_on_a_rising_rate_and_reports_the_highest_rate_under_the_bound()
    {
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway().Map);

        var (exitCode, output, error) = await LoadTestCliTests.RunAsync(
            "mixed", "--base-url", gateway.BaseAddress.ToString(), "--rate", "100", "--duration", "2s", "--rooms", "3", "--p99-bound", "2s",
            "--out", _results);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        var run = Assert.Single(ReadReport("mixed").Runs);
        Assert.Equal("open ramp: 10 → 100 req/s over 2 s (at most 1000 in flight)", run.LoadModel);
        Assert.Equal(["browse rooms", "availability", "reserve", "pay", "cancel"], run.Steps.Select(step => step.Step));
        Assert.All(run.Steps.Take(3), step => Assert.True(step.Requests > 0, $"{step.Step} ran"));
        Assert.InRange(run.Total.Requests, 82, 138);
        Assert.Equal(run.Total.Requests, run.Total.Ok);
        Assert.StartsWith("Highest rate with p99 under 2000 ms", ReadReport("mixed").Findings[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void The_highest_rate_under_the_bound_is_the_last_before_the_slowest_step_stays_over_it_for_two_seconds()
    {
        static IntervalStats Second(int second, double p99) =>
            new(second, 10 * (second + 1), 10, 0, 0, new Dictionary<string, long> { ["200"] = 10 }, new LatencySummary(1, 1, 1, p99, p99, 1));

        static RunResult Run(double[] browse, double[] pay)
        {
            var browsing = browse.Select((p99, second) => Second(second, p99)).ToList();
            return new RunResult(
                "mixed", "open ramp", DateTimeOffset.UnixEpoch, browse.Length, 1, new StepSummary("all", 0, 0, 0, 0, 0, null, new Dictionary<string, long>()), [],
                browsing,
                new Dictionary<string, IReadOnlyList<IntervalStats>>
                {
                    ["browse"] = browsing,
                    ["reserve"] = [.. browse.Select((_, second) => Second(second, 50))],
                    ["pay"] = [.. pay.Select((p99, second) => Second(second, p99))],
                },
                [],
                new Dictionary<string, string>());
        }

        var bound = TimeSpan.FromMilliseconds(500);
        var slowPay = Enumerable.Repeat(2000.0, 7).ToArray();
        string[] steps = ["browse", "reserve"];

        Assert.Equal("Highest rate with p99 under 500 ms: 40 req/s", MixedScenario.HighestRateUnder(bound, Run([100, 900, 100, 200, 600, 700, 100], slowPay), steps).Title);
        Assert.Equal("Highest rate with p99 under 500 ms: at least 50 req/s", MixedScenario.HighestRateUnder(bound, Run([100, 100, 100, 100, 100], slowPay), steps).Title);
        Assert.Equal("Highest rate with p99 under 500 ms: none", MixedScenario.HighestRateUnder(bound, Run([600, 600, 100], slowPay), steps).Title);
        Assert.Equal("Highest rate with p99 under 500 ms: none", MixedScenario.HighestRateUnder(bound, Run([100, 100, 100], slowPay), ["browse", "pay"]).Title);
    }

    [Fact]
    public async Task Circuit_breaker_runs_breaker_on_then_off_and_leaves_payment_and_reservation_as_it_found_them()
    {
        var appHost = new FakeAppHost();
        await using var api = await LoopbackServer.StartAsync(appHost.Map);
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway { AppHost = appHost }.Map);

        var (exitCode, output, error) = await LoadTestCliTests.RunAsync(
            "circuit-breaker", "--base-url", gateway.BaseAddress.ToString(), "--apphost-api", api.BaseAddress.ToString(),
            // Long enough that a cold first second (JIT, a busy machine) still leaves pays for the breaker to answer.
            "--users", "3", "--duration", "3s", "--out", _results);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        Assert.Equal(
            [
                "autoscale payment off 1-10 target 6", "scale payment 1",
                $"redeploy reservation {CircuitBreakerScenario.MinimumThroughputVariable}=1000000",
                $"redeploy reservation {CircuitBreakerScenario.MinimumThroughputVariable}=20",
                "autoscale payment off 1-10 target 6", "scale payment 1",
            ],
            appHost.Commands);
        var report = ReadReport("circuit-breaker");
        Assert.Equal(["breaker on", "breaker off"], report.Runs.Select(run => run.Name));
        Assert.All(report.Runs, run => Assert.Equal(["reserve", "pay"], run.Steps.Select(step => step.Step)));
        var (on, off) = (report.Runs[0], report.Runs[1]);
        var payOn = on.Steps[1];
        Assert.True(payOn.Fallback > 0);
        Assert.Equal(payOn.Requests, payOn.Ok + payOn.Fallback);
        Assert.InRange(on.Steps[0].Requests, 3, payOn.Requests);
        Assert.InRange(on.Figures[CircuitBreakerScenario.CallsToPayment], 1, payOn.Requests - 1);
        Assert.Equal(off.Steps[1].Requests, off.Figures[CircuitBreakerScenario.CallsToPayment]);
        Assert.Contains(report.Findings, finding => finding.Title == "The open circuit kept calls off payment: yes" && finding.Passed == true);
        Assert.Contains(report.Findings, finding => finding.Title.StartsWith("Every pay reservation answered got a promised answer", StringComparison.Ordinal) && finding.Passed == true);
        Assert.Contains(report.Findings, finding => finding.Title.StartsWith("Verdict: the breaker spares payment (", StringComparison.Ordinal));
        Assert.Equal(CircuitBreakerScenario.CallsToPayment, Assert.Single(on.Gauges).Name);
    }

    [Fact]
    public async Task Autoscale_compares_one_replica_with_autoscaling_and_restores_the_settings_it_found()
    {
        var appHost = new FakeAppHost();
        await using var api = await LoopbackServer.StartAsync(appHost.Map);
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway { AppHost = appHost }.Map);

        var (exitCode, output, error) = await LoadTestCliTests.RunAsync(
            "autoscale", "--base-url", gateway.BaseAddress.ToString(), "--apphost-api", api.BaseAddress.ToString(),
            "--users", "3", "--duration", "1s", "--target-in-flight", "0.5", "--max-replicas", "4", "--out", _results);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        Assert.Equal(
            [
                "autoscale payment off 1-10 target 6", "scale payment 1",
                $"redeploy reservation {CircuitBreakerScenario.MinimumThroughputVariable}=1000000",
                "autoscale payment on 1-4 target 0.5",
                $"redeploy reservation {CircuitBreakerScenario.MinimumThroughputVariable}=20",
                "autoscale payment off 1-10 target 6", "scale payment 1",
            ],
            appHost.Commands);
        var report = ReadReport("autoscale");
        Assert.Equal(["autoscaling off", "autoscaling on"], report.Runs.Select(run => run.Name));
        Assert.Equal(1, report.Runs[0].Figures["most payment replicas ready"]);
        Assert.Equal(3, report.Runs[1].Figures["most payment replicas ready"]);
        Assert.Contains(report.Findings, finding => finding.Title == "Payment scaled out under load: yes" && finding.Passed == true);
        Assert.Equal(["payment replicas ready", "payment replicas wanted"], report.Runs[1].Gauges.Select(gauge => gauge.Name));
        Assert.Equal(1, appHost.Resource("payment").DesiredReplicas);
    }

    [Fact]
    public async Task Zero_downtime_loses_nothing_to_a_redeploy_and_some_requests_to_a_naive_restart()
    {
        var appHost = new FakeAppHost();
        await using var api = await LoopbackServer.StartAsync(appHost.Map);
        await using var gateway = await LoopbackServer.StartAsync(new FakeGateway { AppHost = appHost }.Map);

        var (exitCode, output, error) = await LoadTestCliTests.RunAsync(
            "zero-downtime", "--base-url", gateway.BaseAddress.ToString(), "--apphost-api", api.BaseAddress.ToString(),
            "--users", "4", "--duration", "2s", "--command-after", "200ms", "--out", _results);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}\n{output}");
        Assert.Equal(["redeploy reservation", "redeploy payment", "restart reservation", "restart payment"], appHost.Commands);
        var report = ReadReport("zero-downtime");
        var (gated, naive) = (report.Runs[0], report.Runs[1]);
        Assert.Equal(["readiness-gated", "naive"], report.Runs.Select(run => run.Name));
        Assert.Equal(0, gated.Total.Fail);
        Assert.Equal(100, gated.Figures["availability %"]);
        Assert.True(naive.Total.Fail > 0, "a restart leaves nobody to answer for a moment");
        Assert.True(naive.Total.Statuses[AppHostApi.NoReplica] > 0);
        Assert.InRange(naive.Figures["availability %"], 1, 99.99);
        Assert.Equal(["redeploy reservation", "redeploy payment", "redeploys done"], gated.Marks.Select(mark => mark.Label));
        Assert.Equal(["restart reservation", "restart payment", "restarts done"], naive.Marks.Select(mark => mark.Label));
        Assert.Equal("closed: 4 users for 2 s, each pausing up to 500 ms between requests", gated.LoadModel);
        Assert.All(gated.Marks, mark => Assert.InRange(mark.Second, 0.1, 2));
        Assert.Equal(["reservation", "payment"], gated.Steps.Select(step => step.Step));
        Assert.Contains(report.Findings, finding => finding.Title == "The readiness-gated redeploy failed no request: yes" && finding.Passed == true);
        Assert.Contains(report.Findings, finding => finding.Title.StartsWith("Naive restart: ", StringComparison.Ordinal) && finding.Passed is null);
    }

    [Fact]
    public void Zero_downtime_fails_its_check_when_a_redeploy_drops_requests()
    {
        var run = new RunResult(
            "readiness-gated", "closed: 4 users for 2 s", DateTimeOffset.UnixEpoch, 2, 4,
            new StepSummary("all", 100, 97, 0, 3, 50, null, new Dictionary<string, long> { ["200"] = 97, ["502"] = 3 }), [], [],
            new Dictionary<string, IReadOnlyList<IntervalStats>>(), [], new Dictionary<string, string>())
        {
            Marks = [new RunMark(0.5, "redeploy reservation"), new RunMark(2.5, "payment done")],
        };

        var findings = ZeroDowntimeScenario.Findings([run]);

        Assert.Equal("readiness-gated: availability 97.00 %", findings[0].Title);
        Assert.Contains("(502 × 3)", findings[0].Detail, StringComparison.Ordinal);
        Assert.Equal("The readiness-gated redeploy failed no request: no", findings[1].Title);
        Assert.False(findings[1].Passed);
        Assert.Equal("readiness-gated: the commands outlasted the load", findings[2].Title);
    }

    [Fact]
    public void Circuit_breaker_fails_its_checks_when_pay_errs_or_the_circuit_never_opens()
    {
        static RunResult Run(string name, long pays, long fallback, long errors, double calls) => new(
            name, "closed", DateTimeOffset.UnixEpoch, 10, 10, new StepSummary("all", 0, 0, 0, 0, 0, null, new Dictionary<string, long>()),
            [new StepSummary("pay", pays, pays - fallback - errors, fallback, errors, 1, new LatencySummary(400, 500, 600, 700, 800, 450),
                new Dictionary<string, long> { ["200"] = pays - fallback - errors, ["503"] = fallback, ["500"] = errors })],
            [], new Dictionary<string, IReadOnlyList<IntervalStats>>(), [], new Dictionary<string, string>())
        {
            Figures = new Dictionary<string, double> { [CircuitBreakerScenario.CallsToPayment] = calls },
        };

        var findings = CircuitBreakerScenario.Findings([Run("breaker on", 100, 40, 2, 130), Run("breaker off", 100, 40, 0, 150)]);

        Assert.Equal("breaker on: 58 confirmed, 40 pay later, 2 other", findings[0].Title);
        Assert.Contains("(500 × 2)", findings[0].Detail, StringComparison.Ordinal);
        Assert.Contains("130 calls reached payment (1.30 per pay)", findings[0].Detail, StringComparison.Ordinal);
        Assert.Contains(findings, finding => finding.Title == "Every pay reservation answered got a promised answer (200, 402 or 503 pay later): no" && finding.Passed == false);
        Assert.Contains(findings, finding => finding.Title == "The open circuit kept calls off payment: no" && finding.Passed == false);
        Assert.Equal("Verdict: the breaker spares payment (1.30 calls per pay vs 1.50), answers no sooner (pay p50 400 ms vs 400 ms), but confirms fewer pays (58 vs 60): customers are told to pay later instead", findings[^1].Title);
    }

    [Fact]
    public void Circuit_breaker_tells_pays_the_balancer_turned_away_from_what_reservation_answered()
    {
        var pay = new StepSummary("pay", 100, 50, 40, 10, 1, null, new Dictionary<string, long> { ["200"] = 50, ["503"] = 40, [AppHostApi.NoReplica] = 10 });
        var reserve = new StepSummary("reserve", 60, 55, 0, 5, 1, null, new Dictionary<string, long> { ["201"] = 55, [AppHostApi.NoReplica] = 5 });
        var run = new RunResult(
            "breaker off", "closed", DateTimeOffset.UnixEpoch, 10, 10, new StepSummary("all", 0, 0, 0, 0, 0, null, new Dictionary<string, long>()),
            [reserve, pay], [], new Dictionary<string, IReadOnlyList<IntervalStats>>(), [], new Dictionary<string, string>())
        {
            Figures = new Dictionary<string, double> { [CircuitBreakerScenario.CallsToPayment] = 150 },
        };

        var findings = CircuitBreakerScenario.Findings([run]);

        Assert.Equal("breaker off: 50 confirmed, 40 pay later, 10 other", findings[0].Title);
        Assert.Contains("(503 no replica × 10)", findings[0].Detail, StringComparison.Ordinal);
        Assert.Contains(findings, finding => finding.Title.StartsWith("Every pay reservation answered got a promised answer", StringComparison.Ordinal) && finding.Passed == true);
        var outOfRotation = Assert.Single(findings, finding => finding.Title == "Reservation itself fell out of rotation under this load");
        Assert.StartsWith("breaker off: 5 reserves and 10 pays were answered 503 by the AppHost's balancer", outOfRotation.Detail, StringComparison.Ordinal);
    }

    private LoadReport ReadReport(string scenario)
    {
        var directory = Directory.GetDirectories(_results, $"{scenario}-*").OrderDescending(StringComparer.Ordinal).First();
        Assert.True(File.Exists(Path.Combine(directory, "report.md")));
        return ReportWriter.Read(File.ReadAllText(Path.Combine(directory, "results.json")));
    }
}
