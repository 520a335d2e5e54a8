using System.CommandLine;
using System.Globalization;
using Accommodation.LoadTests.Cli;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// The requirements' HPA experiment: the same load as the circuit-breaker scenario (customers reserving and paying), once
/// with payment on one replica and autoscaling off, once with autoscaling on from one replica; success rate, throughput
/// and payment's replicas over time side by side.
/// </summary>
public sealed class AutoscaleScenario : IScenario
{
    public const string OffRun = "autoscaling off";
    public const string OnRun = "autoscaling on";

    /// <summary>A gauge of the runs: payment's replicas that are Ready (in rotation and healthy).</summary>
    public const string ReadyGauge = "payment replicas ready";

    /// <summary>A gauge of the runs: the replicas payment wants, i.e. what the autoscaler decided.</summary>
    public const string WantedGauge = "payment replicas wanted";

    // A payment replica approves 8 payments at once, each taking 400 ms on average.
    private const double OneReplicaApprovalsPerSecond = 8 / 0.4;

    private const int DefaultUsers = 100;
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private readonly Option<int?> _maxReplicas = new("--max-replicas")
    {
        Description = "Autoscaling's upper bound, 2 to 10 (default: payment's own, 10 as the AppHost sets it)",
        CustomParser = result => (int?)CommonOptions.ParseNumber(result, 2, 10),
    };

    private readonly Option<double?> _targetInFlight = new("--target-in-flight")
    {
        Description = "Requests in flight per replica the autoscaler aims at (default: payment's own, 6 as the AppHost sets it)",
        CustomParser = result => CommonOptions.ParseNumber(result, 0.1, 1000, integer: false),
    };

    public string Name => "autoscale";

    public string Description =>
        "The circuit-breaker scenario's load with payment on 1 replica vs autoscaled from 1: success rate, throughput, replicas over time.";

    private readonly Option<bool?> _breaker = new("--breaker")
    {
        Description = "Reservation's circuit breaker during the runs: off (default), so every pay reaches payment and its replicas decide what is confirmed, or on",
        CustomParser = result => result.Tokens is [{ Value: "on" or "off" } token]
            ? token.Value == "on"
            : Invalid(result, "--breaker takes on or off"),
    };

    public IReadOnlyList<Option> Options => [_maxReplicas, _targetInFlight, _breaker];

    public async Task<LoadReport> RunAsync(ScenarioContext context)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var users = context.Settings.Users ?? DefaultUsers;
        var duration = context.Settings.Duration ?? DefaultDuration;
        var appHost = context.AppHost;

        var payment = await ServiceScaling.ReadAsync(appHost, "payment", context.Stopping);
        var autoscale = payment.Autoscale with
        {
            Enabled = true,
            MinReplicas = 1,
            MaxReplicas = context.Settings.Get(_maxReplicas) ?? Math.Max(2, payment.Autoscale.MaxReplicas),
            TargetInFlight = context.Settings.Get(_targetInFlight) ?? payment.Autoscale.TargetInFlight ?? 6,
        };
        var breaker = context.Settings.Get(_breaker) ?? false;
        var breakerBefore = await CircuitBreakerScenario.BreakerSettingAsync(appHost);
        var customers = await PayingCustomers.RegisterAsync(context, 'A', users, 2 * duration);
        var runs = new List<RunResult>();
        try
        {
            context.Log($"Payment had {payment.Describe()}; first 1 replica with autoscaling off.");
            await payment.PinAsync(appHost, replicas: 1, context.Stopping);
            await CircuitBreakerScenario.SetBreakerAsync(context, breaker ? CircuitBreakerScenario.BreakerOn : CircuitBreakerScenario.BreakerOff);
            runs.Add(await RunAsync(context, OffRun, customers, users, duration));

            await Task.Delay(Settle, context.Stopping);
            context.Log($"Autoscaling on: 1 → {autoscale.MaxReplicas} replicas, {autoscale.TargetInFlight:0.#} requests in flight per replica.");
            await appHost.SetAutoscaleAsync("payment", autoscale, context.Stopping);
            runs.Add(await RunAsync(context, OnRun, customers, users, duration));
        }
        catch (OperationCanceledException) when (context.Stopping.IsCancellationRequested && runs.Count > 0)
        {
            // Ctrl+C between the runs: report what ran.
        }
        finally
        {
            await CircuitBreakerScenario.SetBreakerAsync(context, breakerBefore);
            await payment.RestoreAsync(appHost);
            context.Log($"Payment is back to {payment.Describe()}.");
        }

        return new LoadReport(
            Name,
            "Autoscaling payment: 1 replica vs 1 → N",
            $"{users} customers each reserve a one-night stay of a room of their own and pay it, over and over, for " +
            $"{duration.TotalSeconds:0} s per run (closed model, like siege -c{users}); told \"pay later\", a customer pays the same " +
            "reservation again at once. " +
            (breaker
                ? "Reservation's circuit breaker is on, so it also decides how much load reaches payment. "
                : "Reservation's circuit breaker is off meanwhile, so every pay reaches payment and its replicas decide what is confirmed " +
                  "(the requirements' HPA test sent its load straight to payment). ") +
            $"\"{OffRun}\": payment on one replica. \"{OnRun}\": the AppHost's HPA from one replica, up to {autoscale.MaxReplicas}, " +
            $"aiming at {autoscale.TargetInFlight:0.#} requests in flight per replica (scaling out at once, in after " +
            $"{autoscale.ScaleInCooldown?.TotalSeconds ?? 30:0} s). Each payment replica approves 8 payments at once and queues 16. " +
            "Success is a pay answered 200 (Confirmed); throughput is confirmed pays per second.",
            context.Settings.BaseUrl.ToString(),
            startedAt,
            runs,
            Findings(runs));
    }

    public static IReadOnlyList<Finding> Findings(IReadOnlyList<RunResult> runs)
    {
        var findings = runs.Select(run => new Finding(
            string.Create(CultureInfo.InvariantCulture, $"{run.Name}: {SuccessRate(run):0.0} % of pays confirmed, {Throughput(run):0.#} per second"),
            string.Create(CultureInfo.InvariantCulture,
                $"{Confirmed(run)} of {PayOf(run).Requests} pays answered 200, {PayOf(run).Fallback} pay later, {PayOf(run).Fail} failed; " +
                $"pay p50 {PayOf(run).Latency?.P50 ?? 0:0} ms, p99 {PayOf(run).Latency?.P99 ?? 0:0} ms; payment had at most " +
                $"{Most(run, ReadyGauge):0} replicas ready{FirstAt(run, ReadyGauge)}."))).ToList();

        if (runs.FirstOrDefault(run => run.Name == OnRun) is { } on)
        {
            var scaledOut = Most(on, WantedGauge) > 1;
            findings.Add(new Finding(
                $"Payment scaled out under load: {(scaledOut ? "yes" : "no")}",
                scaledOut
                    ? $"the autoscaler asked for up to {Most(on, WantedGauge):0} replicas{FirstAt(on, WantedGauge)}; {Most(on, ReadyGauge):0} were ready at most{FirstAt(on, ReadyGauge)}" +
                      (Most(on, ReadyGauge) > 1 ? "." : " (new replicas were still starting when the run ended: a longer --duration sees them serve).")
                    : "the autoscaler kept one replica: too little load for the target, or it did not act.",
                scaledOut));
        }

        if (PayingCustomers.ReservationOutOfRotation(runs) is { } outOfRotation)
        {
            findings.Add(outOfRotation);
        }

        if (runs.FirstOrDefault(run => run.Name == OffRun) is { } off && runs.FirstOrDefault(run => run.Name == OnRun) is { } with)
        {
            var better = Throughput(with) > Throughput(off);
            // Below about 90 % of what one replica can approve, payment's replica count was not what held the run back.
            var notPayment = Throughput(off) < 0.9 * OneReplicaApprovalsPerSecond;
            findings.Add(new Finding(
                better ? "Verdict: autoscaling confirms more pays" : "Verdict: autoscaling did not confirm more pays here",
                string.Create(CultureInfo.InvariantCulture,
                    $"{Throughput(with):0.#} vs {Throughput(off):0.#} confirmed pays per second ({Ratio(Throughput(with), Throughput(off))}); " +
                    $"success rate {SuccessRate(with):0.0} % vs {SuccessRate(off):0.0} %; pay p99 {PayOf(with).Latency?.P99 ?? 0:0} ms vs " +
                    $"{PayOf(off).Latency?.P99 ?? 0:0} ms.") +
                (notPayment
                    ? string.Create(CultureInfo.InvariantCulture,
                        $" One payment replica approves about {OneReplicaApprovalsPerSecond:0} pays a second (8 at once, 400 ms each), and with " +
                        $"one the run confirmed {Throughput(off):0.#}: payment's replicas were not what limited it, but reservation, PostgreSQL " +
                        $"or the CPU every process shares; more payment replicas then only share that CPU too.")
                    : "")));
        }

        return findings;
    }

    private static bool? Invalid(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }

    private static async Task<RunResult> RunAsync(ScenarioContext context, string name, PayingCustomers customers, int users, TimeSpan duration)
    {
        var run = await context.RunAsync(new RunDefinition(name, LoadModel.Closed(users, duration), customers.Steps())
        {
            Gauges = [context.AppHost.ReadyReplicasGauge("payment"), context.AppHost.DesiredReplicasGauge("payment")],
        });
        return run with
        {
            Figures = new Dictionary<string, double>
            {
                ["pays confirmed"] = Confirmed(run),
                ["confirmed pays per second"] = Math.Round(Throughput(run), 2),
                ["pay success rate %"] = Math.Round(SuccessRate(run), 2),
                ["most payment replicas wanted"] = Most(run, WantedGauge),
                ["most payment replicas ready"] = Most(run, ReadyGauge),
            },
        };
    }

    private static StepSummary PayOf(RunResult run) =>
        run.Steps.FirstOrDefault(step => step.Step == PayingCustomers.PayStep)
        ?? new StepSummary(PayingCustomers.PayStep, 0, 0, 0, 0, 0, null, new Dictionary<string, long>());

    private static long Confirmed(RunResult run) => PayOf(run).Statuses.GetValueOrDefault("200");

    private static double SuccessRate(RunResult run) => PayOf(run).Requests == 0 ? 0 : 100.0 * Confirmed(run) / PayOf(run).Requests;

    private static double Throughput(RunResult run) => run.DurationSeconds <= 0 ? 0 : Confirmed(run) / run.DurationSeconds;

    /// <summary>The highest value a gauge of the run reached.</summary>
    private static double Most(RunResult run, string gauge) =>
        run.Gauges.FirstOrDefault(series => series.Name == gauge)?.Samples.Select(sample => sample.Value).DefaultIfEmpty(0).Max() ?? 0;

    /// <summary>When a gauge first reached its highest value above one, e.g. " (first at 12 s)".</summary>
    private static string FirstAt(RunResult run, string gauge)
    {
        var most = Most(run, gauge);
        var first = run.Gauges.FirstOrDefault(series => series.Name == gauge)?.Samples.FirstOrDefault(sample => sample.Value >= most);
        return most > 1 && first is not null ? string.Create(CultureInfo.InvariantCulture, $" (first at {first.Second:0} s)") : "";
    }

    private static string Ratio(double value, double baseline) =>
        baseline <= 0 ? "no baseline" : string.Create(CultureInfo.InvariantCulture, $"×{value / baseline:0.00}");
}
