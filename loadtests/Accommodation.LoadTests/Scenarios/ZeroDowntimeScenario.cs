using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Accommodation.LoadTests.Access;
using Accommodation.LoadTests.Cli;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>
/// The requirements' zero-downtime experiment: steady load through the gateway on reservation and payment while both are
/// redeployed, once the readiness-gated rolling way and once naively (stop, then start). Availability is Ok ÷ all, as
/// siege prints it; the requirements measured 80.45 % for their naive redeploy.
/// </summary>
public sealed class ZeroDowntimeScenario : IScenario
{
    public const string GatedRun = "readiness-gated";
    public const string NaiveRun = "naive";

    /// <summary>The requirements' availability during their naive redeploy (siege).</summary>
    public const double RequirementsNaiveAvailability = 80.45;

    private const int DefaultUsers = 20;
    private const int Stays = 5;
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DefaultCommandAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultThinkTime = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] Services = ["reservation", "payment"];

    /// <summary>Only an answer is availability: a 503 is an outage here, whatever it says about coming back.</summary>
    private static readonly ResponseClassifier OnlySuccess = response => response.IsSuccessStatusCode ? OutcomeKind.Ok : OutcomeKind.Fail;

    private readonly Option<TimeSpan?> _commandAfter = new("--command-after")
    {
        Description = "How long after the load starts the redeploy (or restart) is given (default 5s)",
        CustomParser = result => CommonOptions.ParseDuration(result),
    };

    public string Name => "zero-downtime";

    public string Description =>
        "Steady load on reservation and payment through the gateway while both are redeployed: readiness-gated vs naive, availability.";

    private readonly Option<TimeSpan?> _thinkTime = new("--think-time")
    {
        Description = "Each user pauses a random time up to this between requests, as siege -d does; 0 for none (default 500ms)",
        CustomParser = result => result.Tokens is [{ Value: "0" }] ? TimeSpan.Zero : CommonOptions.ParseDuration(result),
    };

    public IReadOnlyList<Option> Options => [_commandAfter, _thinkTime];

    public async Task<LoadReport> RunAsync(ScenarioContext context)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var users = context.Settings.Users ?? DefaultUsers;
        var duration = context.Settings.Duration ?? DefaultDuration;
        var commandAfter = context.Settings.Get(_commandAfter) ?? DefaultCommandAfter;
        var load = LoadModel.Closed(users, duration, context.Settings.Get(_thinkTime) ?? DefaultThinkTime);
        var appHost = context.AppHost;

        var reservations = await PrepareAsync(context);
        var payment = await ServiceScaling.ReadAsync(appHost, "payment", context.Stopping);
        var runs = new List<RunResult>();
        try
        {
            if (payment.Autoscale.Enabled)
            {
                context.Log($"Payment autoscales ({payment.Describe()}); off during the scenario, so only the redeploys change its replicas.");
                await payment.PinAsync(appHost, replicas: null, context.Stopping);
            }

            runs.Add(await RunAsync(context, GatedRun, load, commandAfter, reservations,
                service => appHost.RedeployAsync(service, cancellationToken: CancellationToken.None), "redeploy"));
            context.Stopping.ThrowIfCancellationRequested();
            runs.Add(await RunAsync(context, NaiveRun, load, commandAfter, reservations,
                service => appHost.CommandAsync(service, "restart", CancellationToken.None), "restart"));
        }
        catch (OperationCanceledException) when (context.Stopping.IsCancellationRequested && runs.Count > 0)
        {
            // Ctrl+C between the runs: report what ran.
        }
        finally
        {
            foreach (var service in Services)
            {
                await appHost.WaitUntilReadyAsync(service, RecoveryTimeout, CancellationToken.None);
            }

            if (payment.Autoscale.Enabled)
            {
                await payment.RestoreAsync(appHost);
                context.Log($"Payment is back to {payment.Describe()}.");
            }
        }

        return new LoadReport(
            Name,
            "Zero-downtime redeploy: readiness-gated vs naive",
            $"{users} users send requests through the gateway for {duration.TotalSeconds:0} s per run, each pausing a random time up to " +
            $"{load.ThinkTime.TotalMilliseconds:0} ms between them (closed model, like siege -c{users} -d): half read a reservation (GET /api/v1/reservations/{{number}}, served by reservation), half its payments " +
            $"(GET /api/v1/payments?reservationNumber=…, served by payment). {commandAfter.TotalSeconds:0.#} s into each run reservation and then " +
            $"payment are replaced: \"{GatedRun}\" by the AppHost's rolling redeploy (a new replica takes requests only once its /health " +
            $"passes; the old one finishes its requests first), \"{NaiveRun}\" by restart (every replica stops, then new ones start). " +
            "Only a 2xx counts as available; availability is Ok ÷ all, as siege prints it. Payment's autoscaling, if on, is off meanwhile.",
            context.Settings.BaseUrl.ToString(),
            startedAt,
            runs,
            Findings(runs));
    }

    public static IReadOnlyList<Finding> Findings(IReadOnlyList<RunResult> runs)
    {
        var findings = runs.Select(run => new Finding(
            string.Create(CultureInfo.InvariantCulture, $"{run.Name}: availability {Availability(run):0.00} %"),
            string.Create(CultureInfo.InvariantCulture,
                $"transactions {run.Total.Requests} hits, {run.Total.Ok} ok, {run.Total.Fail} failed{Failures(run)}{Outage(run)}; elapsed {run.DurationSeconds:0.00} s; " +
                $"response time mean {run.Total.Latency?.Mean ?? 0:0} ms, p99 {run.Total.Latency?.P99 ?? 0:0} ms; transaction rate {run.Total.Rps:0.##}/s.")))
            .ToList();

        if (runs.FirstOrDefault(run => run.Name == GatedRun) is { } gated)
        {
            var none = gated.Total.Fail == 0;
            findings.Add(new Finding(
                $"The readiness-gated redeploy failed no request: {(none ? "yes" : "no")}",
                none
                    ? $"all {gated.Total.Requests} requests answered 2xx while reservation and payment were replaced."
                    : $"{gated.Total.Fail} of {gated.Total.Requests} requests failed{Failures(gated)}.",
                none));
        }

        if (runs.FirstOrDefault(run => run.Name == NaiveRun) is { } naive)
        {
            findings.Add(new Finding(
                string.Create(CultureInfo.InvariantCulture, $"Naive restart: {Availability(naive):0.00} % available (the requirements measured {RequirementsNaiveAvailability:0.00} %)"),
                $"{naive.Total.Fail} of {naive.Total.Requests} requests failed while nothing served them{Failures(naive)}."));
        }

        findings.AddRange(runs.Where(run => run.Marks.Count > 0 && run.Marks[^1].Second > run.DurationSeconds).Select(run => new Finding(
            $"{run.Name}: the commands outlasted the load",
            string.Create(CultureInfo.InvariantCulture,
                $"the last one ended {run.Marks[^1].Second:0.0} s into a run of {run.DurationSeconds:0} s, so part of it ran without load; a longer --duration sees all of it."))));
        return findings;
    }

    /// <summary>Ok ÷ all, in per cent.</summary>
    public static double Availability(RunResult run) => run.Total.Requests == 0 ? 0 : 100.0 * run.Total.Ok / run.Total.Requests;

    /// <summary>A room, a few paid stays: what the load reads back.</summary>
    private static async Task<string[]> PrepareAsync(ScenarioContext context)
    {
        var api = new AccommodationApi(context.Http);
        var tag = RunTag.New();
        var room = $"Z{tag}";
        var firstNight = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        context.Log($"Registering room {room}, reserving and paying {Stays} stays to read back…");
        await api.RegisterRoomAsync(room, 70_000m, context.Stopping);
        await api.WaitUntilReservableAsync(room, firstNight.AddDays(Stays), SetupTimeout, context.Stopping);
        var numbers = new string[Stays];
        var customer = $"{ClientCredentials.CustomerPrefix}zero-{tag}";
        for (var stay = 0; stay < Stays; stay++)
        {
            using var request = AccommodationApi.Reserve(customer, room, firstNight.AddDays(stay), firstNight.AddDays(stay + 1));
            using var reserved = await context.Http.SendAsync(request, context.Stopping);
            if (reserved.StatusCode != HttpStatusCode.Created)
            {
                throw new ScenarioException($"Reserving a stay of room {room} answered {(int)reserved.StatusCode}.");
            }

            numbers[stay] = (await reserved.Content.ReadFromJsonAsync<ReservationView>(context.Stopping))!.Number;
            await PayAsync(context, customer, numbers[stay]);
        }

        return numbers;
    }

    /// <summary>Pays, and pays again while the answer is "pay later", as a customer would.</summary>
    private static async Task PayAsync(ScenarioContext context, string customer, string number)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var pay = AccommodationApi.Pay(customer, number);
            using var paid = await context.Http.SendAsync(pay, context.Stopping);
            if (paid.IsSuccessStatusCode)
            {
                return;
            }

            if (paid.StatusCode != HttpStatusCode.ServiceUnavailable || waited.Elapsed > SetupTimeout)
            {
                throw new ScenarioException($"Paying {number} answered {(int)paid.StatusCode}.");
            }

            await Task.Delay(paid.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), context.Stopping);
        }
    }

    /// <summary>Starts the load, gives the command to reservation then payment after <paramref name="commandAfter"/>, awaits the load.</summary>
    private static async Task<RunResult> RunAsync(
        ScenarioContext context, string name, ClosedModel load, TimeSpan commandAfter, string[] reservations,
        Func<string, Task<ResourceView>> command, string verb)
    {
        Step[] steps =
        [
            new("reservation", (step, cancellationToken) => GetAsync(step, $"api/v1/reservations/{Pick(reservations, step)}", cancellationToken)),
            new("payment", (step, cancellationToken) => GetAsync(step, $"api/v1/payments?reservationNumber={Pick(reservations, step)}", cancellationToken)),
        ];
        var definition = new RunDefinition(name, load, steps)
        {
            Gauges = [.. Services.Select(context.AppHost.ReadyReplicasGauge)],
        };

        var running = context.RunAsync(definition);
        var marks = new List<(DateTimeOffset At, string Label)>();
        try
        {
            await Task.Delay(commandAfter, context.Stopping);
            // Not logged: the progress line owns the console while the load runs; the report marks when each command ran.
            foreach (var service in Services)
            {
                marks.Add((DateTimeOffset.UtcNow, $"{verb} {service}"));
                await command(service);
            }

            marks.Add((DateTimeOffset.UtcNow, $"{verb}s done"));
        }
        catch (OperationCanceledException) when (context.Stopping.IsCancellationRequested)
        {
            // Ctrl+C before the command: the load ends, the run is reported.
        }

        var run = await running;
        foreach (var service in Services)
        {
            await context.AppHost.WaitUntilReadyAsync(service, RecoveryTimeout, CancellationToken.None);
        }

        return run with
        {
            Figures = new Dictionary<string, double> { ["availability %"] = Math.Round(Availability(run), 2) },
            Marks = [.. marks.Select(mark => new RunMark(Math.Round((mark.At - run.StartedAt).TotalSeconds, 2), mark.Label))],
        };
    }

    /// <summary>A read through the gateway: 2xx is available; the balancer's own 503 (nobody to ask) is told apart from the service's.</summary>
    private static async Task<StepOutcome> GetAsync(StepContext step, string uri, CancellationToken cancellationToken)
    {
        using var response = await step.Http.GetAsync(uri, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return await AppHostApi.IsNoReplicaAsync(response, cancellationToken)
            ? StepOutcome.Failed(AppHostApi.NoReplica)
            : HttpOutcome.Of(response, OnlySuccess);
    }

    /// <summary>When requests failed, e.g. " in seconds 5 to 8 of the run (4 s with failures)".</summary>
    private static string Outage(RunResult run)
    {
        var failing = run.Intervals.Where(interval => interval.Fail > 0).Select(interval => interval.Second).ToList();
        return failing.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $" in seconds {failing[0]} to {failing[^1]} of the run ({failing.Count} s with failures)");
    }

    private static string Failures(RunResult run)
    {
        var failures = run.Total.Statuses
            .Where(status => !(status.Key.Length == 3 && status.Key[0] == '2'))
            .Select(status => $"{status.Key} × {status.Value}")
            .ToList();
        return failures.Count == 0 ? "" : $" ({string.Join(", ", failures)})";
    }

    private static string Pick(string[] reservations, StepContext step) => reservations[step.Random.Next(reservations.Length)];
}
