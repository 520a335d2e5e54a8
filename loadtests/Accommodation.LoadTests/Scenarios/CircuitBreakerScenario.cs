using System.CommandLine;
using System.Globalization;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// The requirements' circuit-breaker experiment: payment on its 400 ± 220 ms profile and one replica (autoscaling off),
/// 100 customers reserving and paying for 60 s, once with reservation's breaker on and once with it off. Side by side:
/// confirmed, "pay later" and other answers, pay latency, and how many calls reached payment.
/// </summary>
public sealed class CircuitBreakerScenario : IScenario
{
    /// <summary>The setting that turns the breaker off when huge: it never sees enough calls to judge.</summary>
    public const string MinimumThroughputVariable = "Reservation__PaymentResilience__CircuitBreaker__MinimumThroughput";

    /// <summary>As in reservation's appsettings.json.</summary>
    public const string BreakerOn = "20";

    public const string BreakerOff = "1000000";

    public const string BreakerOnRun = "breaker on";
    public const string BreakerOffRun = "breaker off";

    /// <summary>The figure of each run: requests the AppHost's balancer sent to payment's replicas during it.</summary>
    public const string CallsToPayment = "calls that reached payment";

    private const int DefaultUsers = 100;
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);

    // Payment finishes what reservation abandoned (queued approvals) before the next run starts from quiet.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public string Name => "circuit-breaker";

    public string Description =>
        "Customers reserve and pay against one payment replica (400 ± 220 ms), reservation's breaker on vs off: pay later, latency, calls that reached payment.";

    public IReadOnlyList<Option> Options => [];

    public async Task<LoadReport> RunAsync(ScenarioContext context)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var users = context.Settings.Users ?? DefaultUsers;
        var duration = context.Settings.Duration ?? DefaultDuration;
        var appHost = context.AppHost;

        var payment = await ServiceScaling.ReadAsync(appHost, "payment", context.Stopping);
        var customers = await PayingCustomers.RegisterAsync(context, 'C', users, 2 * duration);
        var runs = new List<RunResult>();
        try
        {
            context.Log($"Payment had {payment.Describe()}; now 1 replica, autoscaling off, so payment is the bottleneck.");
            await payment.PinAsync(appHost, replicas: 1, context.Stopping);
            await SetBreakerAsync(context, BreakerOn);
            runs.Add(await RunAsync(context, BreakerOnRun, customers, users, duration));

            context.Stopping.ThrowIfCancellationRequested();
            await SetBreakerAsync(context, BreakerOff);
            await Task.Delay(Settle, context.Stopping);
            runs.Add(await RunAsync(context, BreakerOffRun, customers, users, duration));
        }
        catch (OperationCanceledException) when (context.Stopping.IsCancellationRequested && runs.Count > 0)
        {
            // Ctrl+C between the runs: report what ran.
        }
        finally
        {
            await SetBreakerAsync(context, BreakerOn);
            await payment.RestoreAsync(appHost);
            context.Log($"Payment is back to {payment.Describe()}.");
        }

        return new LoadReport(
            Name,
            "Circuit breaker: reservation → payment, on vs off",
            $"{users} customers each reserve a one-night stay of a room of their own and pay it, over and over, for " +
            $"{duration.TotalSeconds:0} s per run (closed model, like siege -c{users}); told \"pay later\", a customer pays the same " +
            "reservation again at once, so most requests are pays. Payment runs one replica (autoscaling off) " +
            "on its simulated 400 ± 220 ms gateway, approving 8 payments at once and queueing 16. Reservation abandons an attempt " +
            "after 610 ms and retries once; with the breaker on, half the calls failing over 5 s (at least 20) opens it for 5 s, and " +
            "meanwhile pay answers 503 \"pay later\" with Retry-After without calling payment. \"Breaker off\" is reservation " +
            $"redeployed with {MinimumThroughputVariable}={BreakerOff}. Pay: 200 (and 402) Ok, 503 with Retry-After Fallback, " +
            $"anything else Fail. \"{CallsToPayment}\" is what the AppHost's balancer sent payment's replicas during the run.",
            context.Settings.BaseUrl.ToString(),
            startedAt,
            runs,
            Findings(runs));
    }

    /// <summary>Per run what pay answered and how often payment was called; whether anything but the promised answers came back; the verdict.</summary>
    public static IReadOnlyList<Finding> Findings(IReadOnlyList<RunResult> runs)
    {
        var findings = new List<Finding>();
        foreach (var run in runs)
        {
            var pay = PayOf(run);
            var calls = run.Figures.GetValueOrDefault(CallsToPayment);
            findings.Add(new Finding(
                $"{run.Name}: {Count(pay, "200")} confirmed, {pay.Fallback} pay later, {pay.Requests - Count(pay, "200") - pay.Fallback} other",
                $"of {pay.Requests} pays{Others(pay)}; pay latency p50 {Ms(pay.Latency?.P50)}, p95 {Ms(pay.Latency?.P95)}, p99 {Ms(pay.Latency?.P99)}; " +
                $"{calls:0} calls reached payment ({PerPay(calls, pay):0.00} per pay)."));
        }

        // A pay the balancer turned away never reached reservation: it is counted, and explained, on its own.
        var failed = runs.Where(run => Unpromised(PayOf(run)) > 0).ToList();
        findings.Add(new Finding(
            $"Every pay reservation answered got a promised answer (200, 402 or 503 pay later): {(failed.Count == 0 ? "yes" : "no")}",
            failed.Count == 0
                ? "no other status, no timeout, no refused connection."
                : string.Join("; ", failed.Select(run => $"{run.Name}: {Unpromised(PayOf(run))} failed{Others(PayOf(run))}")) + ".",
            failed.Count == 0));

        if (runs.FirstOrDefault(run => run.Name == BreakerOnRun) is { } on)
        {
            var pay = PayOf(on);
            var calls = on.Figures.GetValueOrDefault(CallsToPayment);
            var spared = calls < pay.Requests;
            findings.Add(new Finding(
                $"The open circuit kept calls off payment: {(spared ? "yes" : "no")}",
                spared
                    ? $"with the breaker on, payment got {calls:0} calls for {pay.Requests} pays: at least {pay.Requests - calls:0} pays were answered " +
                      $"\"pay later\" without calling it ({pay.Fallback} pay later in all)."
                    : $"with the breaker on, payment got {calls:0} calls for {pay.Requests} pays: every pay reached payment, so the circuit never " +
                      "opened (too little load to fail half the calls?).",
                spared));
        }

        if (PayingCustomers.ReservationOutOfRotation(runs) is { } outOfRotation)
        {
            findings.Add(outOfRotation);
        }

        if (runs.FirstOrDefault(run => run.Name == BreakerOnRun) is { } withBreaker
            && runs.FirstOrDefault(run => run.Name == BreakerOffRun) is { } without)
        {
            findings.Add(Verdict(withBreaker, without));
        }

        return findings;
    }

    /// <summary>One line: whether the breaker spared payment, answered sooner, and what it cost in confirmed pays.</summary>
    private static Finding Verdict(RunResult on, RunResult off)
    {
        var (payOn, payOff) = (PayOf(on), PayOf(off));
        var (callsOn, callsOff) = (PerPay(on.Figures.GetValueOrDefault(CallsToPayment), payOn), PerPay(off.Figures.GetValueOrDefault(CallsToPayment), payOff));
        var (p50On, p50Off) = (payOn.Latency?.P50 ?? 0, payOff.Latency?.P50 ?? 0);
        var (confirmedOn, confirmedOff) = (Count(payOn, "200"), Count(payOff, "200"));
        var clauses = new List<string>
        {
            callsOn < callsOff
                ? string.Create(CultureInfo.InvariantCulture, $"the breaker spares payment ({callsOn:0.00} calls per pay vs {callsOff:0.00})")
                : string.Create(CultureInfo.InvariantCulture, $"the breaker does not spare payment ({callsOn:0.00} calls per pay vs {callsOff:0.00})"),
            p50On < p50Off ? $"answers sooner (pay p50 {Ms(p50On)} vs {Ms(p50Off)})" : $"answers no sooner (pay p50 {Ms(p50On)} vs {Ms(p50Off)})",
            confirmedOn >= confirmedOff
                ? $"and confirms as many pays or more ({confirmedOn} vs {confirmedOff})"
                : $"but confirms fewer pays ({confirmedOn} vs {confirmedOff}): customers are told to pay later instead",
        };
        return new Finding($"Verdict: {string.Join(", ", clauses)}", string.Create(CultureInfo.InvariantCulture,
            $"with the breaker on vs off: {payOn.Requests} vs {payOff.Requests} pays, pay later {payOn.Fallback} vs {payOff.Fallback}, " +
            $"pay p95 {Ms(payOn.Latency?.P95)} vs {Ms(payOff.Latency?.P95)}, p99 {Ms(payOn.Latency?.P99)} vs {Ms(payOff.Latency?.P99)}; " +
            $"calls that reached payment {on.Figures.GetValueOrDefault(CallsToPayment):0} vs {off.Figures.GetValueOrDefault(CallsToPayment):0}."));
    }

    private static async Task<RunResult> RunAsync(ScenarioContext context, string name, PayingCustomers customers, int users, TimeSpan duration)
    {
        var before = await context.AppHost.RequestsReceivedAsync("payment", context.Stopping);
        var calls = new Gauge(CallsToPayment, async () => await context.AppHost.RequestsReceivedAsync("payment") - before);
        var run = await context.RunAsync(new RunDefinition(name, LoadModel.Closed(users, duration), customers.Steps()) { Gauges = [calls] });
        var reached = await context.AppHost.RequestsReceivedAsync("payment", CancellationToken.None) - before;
        return run with { Figures = new Dictionary<string, double> { [CallsToPayment] = Math.Max(0, reached) } };
    }

    /// <summary>The breaker's minimum throughput reservation runs with: an override from an earlier redeploy, or appsettings.json's.</summary>
    internal static async Task<string> BreakerSettingAsync(AppHostApi appHost) =>
        (await appHost.GetResourceAsync("reservation", CancellationToken.None)).EnvironmentOverrides?.GetValueOrDefault(MinimumThroughputVariable)
        ?? BreakerOn;

    /// <summary>Redeploys reservation (rolling, no request lost) with the breaker's minimum throughput set to <paramref name="value"/>, unless it has it.</summary>
    internal static async Task SetBreakerAsync(ScenarioContext context, string value)
    {
        if (await BreakerSettingAsync(context.AppHost) == value)
        {
            return;
        }

        context.Log($"Redeploying reservation with the breaker {(value == BreakerOff ? "off" : "on")} ({MinimumThroughputVariable}={value})…");
        await context.AppHost.RedeployAsync(
            "reservation", new Dictionary<string, string> { [MinimumThroughputVariable] = value }, CancellationToken.None);
    }

    private static StepSummary PayOf(RunResult run) =>
        run.Steps.FirstOrDefault(step => step.Step == PayingCustomers.PayStep)
        ?? new StepSummary(PayingCustomers.PayStep, 0, 0, 0, 0, 0, null, new Dictionary<string, long>());

    private static long Count(StepSummary step, string status) => step.Statuses.GetValueOrDefault(status);

    /// <summary>What pay answered besides 200 and the pay-later fallback, e.g. " (402 × 3, timeout × 1)".</summary>
    private static string Others(StepSummary step)
    {
        var others = step.Statuses
            .Select(status => status.Key == "503" ? (Label: "503 without Retry-After", Count: status.Value - step.Fallback) : (Label: status.Key, Count: status.Value))
            .Where(status => status.Label != "200" && status.Count > 0)
            .Select(status => $"{status.Label} × {status.Count}")
            .ToList();
        return others.Count == 0 ? "" : $" ({string.Join(", ", others)})";
    }

    private static long Unpromised(StepSummary pay) => pay.Fail - Count(pay, AppHostApi.NoReplica);

    private static double PerPay(double calls, StepSummary pay) => pay.Requests == 0 ? 0 : calls / pay.Requests;

    private static string Ms(double? value) => value is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms") : "–";
}
