using System.CommandLine;
using Accommodation.LoadTests.Engine;
using Accommodation.LoadTests.Reporting;

namespace Accommodation.LoadTests.Scenarios;

/// <summary>The common options, as given on the command line; null where the scenario's own default applies.</summary>
/// <param name="BaseUrl">The gateway, or any base URL the scenario's requests go to.</param>
/// <param name="AppHostApi">The AppHost API, for gauges (replicas) and commands (stop, start, restart).</param>
/// <param name="Users">Closed model: virtual users.</param>
/// <param name="Rate">Open model: requests per second (the peak of a ramp).</param>
/// <param name="Duration">How long each run offers load.</param>
/// <param name="MaxInFlight">Open model: requests in flight before a due one is dropped as "overloaded".</param>
/// <param name="RequestTimeout">A request unanswered after this long is a failure of kind "timeout".</param>
/// <param name="Parsed">The parsed command line, for the scenario's own options.</param>
/// <param name="AppHostToken">The AppHost's login token, sent to its API as a bearer token; null when it runs unsecured.</param>
public sealed record ScenarioSettings(
    Uri BaseUrl,
    Uri AppHostApi,
    int? Users = null,
    double? Rate = null,
    TimeSpan? Duration = null,
    int MaxInFlight = LoadModel.DefaultMaxInFlight,
    TimeSpan? RequestTimeout = null,
    ParseResult? Parsed = null,
    string? AppHostToken = null)
{
    /// <summary>The value of one of the scenario's own options (its default when not given).</summary>
    public T? Get<T>(Option<T> option) => Parsed is null ? default : Parsed.GetValue(option);
}

/// <summary>Where the log lines and the live progress line go.</summary>
public interface IRunConsole
{
    void Log(string message);

    /// <summary>Shows <paramref name="run"/>'s progress while it goes on.</summary>
    Task<RunResult> ShowProgressAsync(RunDefinition definition, Func<Action<RunProgress>, Task<RunResult>> run);
}

/// <summary>What a scenario works with: its settings, clients for the system under load and the AppHost, the runner.</summary>
public sealed class ScenarioContext(ScenarioSettings settings, HttpClient http, AppHostApi appHost, IRunConsole console, CancellationToken stopping)
{
    private readonly LoadRunner _runner = new(http);

    public ScenarioSettings Settings => settings;

    /// <summary>A client whose base address is <see cref="ScenarioSettings.BaseUrl"/>; the runner sends through it too.</summary>
    public HttpClient Http => http;

    public AppHostApi AppHost => appHost;

    /// <summary>Cancelled by Ctrl+C: runs end early, and the scenario still reports what ran.</summary>
    public CancellationToken Stopping => stopping;

    public void Log(string message) => console.Log(message);

    /// <summary>Runs one run with the live progress line; the command line's --timeout, when given, is its request timeout.</summary>
    public Task<RunResult> RunAsync(RunDefinition run)
    {
        var definition = settings.RequestTimeout is { } timeout ? run with { RequestTimeout = timeout } : run;
        return console.ShowProgressAsync(definition, progress => _runner.RunAsync(definition, progress, stopping));
    }
}
