using System.CommandLine;
using System.Net.Http.Headers;
using Accommodation.LoadTests.Access;
using Accommodation.LoadTests.Reporting;
using Accommodation.LoadTests.Scenarios;

namespace Accommodation.LoadTests.Cli;

/// <summary>
/// <c>list</c>, or <c>&lt;scenario&gt; [options]</c>. Exit codes: 0 done (every check passed), 1 a check failed or the
/// system could not be reached, 2 an unknown scenario or a bad option.
/// </summary>
public static class LoadTestCli
{
    public const int CheckFailed = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, bool live = false, CancellationToken stopping = default)
    {
        var scenarios = ScenarioRegistry.Create();
        var common = new CommonOptions();
        var root = new RootCommand("Load tests for Accommodation: run a scenario against the gateway and get a report (Markdown and PNG charts).");
        var list = new Command("list", "List the scenarios");
        list.SetAction(_ =>
        {
            foreach (var scenario in scenarios)
            {
                output.WriteLine($"{scenario.Name,-16}{scenario.Description}");
            }
        });
        root.Add(list);
        foreach (var scenario in scenarios)
        {
            var command = new Command(scenario.Name, scenario.Description);
            foreach (var option in common.All.Concat(scenario.Options))
            {
                command.Add(option);
            }

            command.SetAction((parsed, _) => RunScenarioAsync(scenario, common, parsed, output, error, live, stopping));
            root.Add(command);
        }

        var names = string.Join(", ", scenarios.Select(scenario => scenario.Name));
        if (args.Length == 0)
        {
            await error.WriteLineAsync($"Name a scenario ({names}), or 'list' to see what each does; --help for the options.");
            return UsageError;
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            if (!args[0].StartsWith('-') && root.Subcommands.All(command => command.Name != args[0]))
            {
                await error.WriteLineAsync($"Unknown scenario '{args[0]}'. Scenarios: {names} ('list' tells what each does).");
            }
            else
            {
                foreach (var parseError in parsed.Errors)
                {
                    await error.WriteLineAsync(parseError.Message);
                }

                await error.WriteLineAsync(root.Subcommands.Any(command => command.Name == args[0]) ? $"See '{args[0]} --help'." : "See --help.");
            }

            return UsageError;
        }

        // Ctrl+C is the caller's (stopping): runs end early and the report is still written, however long that takes.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
    }

    /// <summary>
    /// The settings a command line gives <paramref name="scenario"/> (the common options and its own), for running a
    /// scenario from code as the command would, e.g. a test against a running system.
    /// </summary>
    /// <exception cref="ArgumentException">An option is unknown or its value is bad; the message says which.</exception>
    public static ScenarioSettings Settings(IScenario scenario, params string[] args)
    {
        var common = new CommonOptions();
        var command = new Command(scenario.Name, scenario.Description);
        foreach (var option in common.All.Concat(scenario.Options))
        {
            command.Add(option);
        }

        var parsed = command.Parse(args);
        return parsed.Errors.Count == 0
            ? common.Settings(parsed)
            : throw new ArgumentException(string.Join(" ", parsed.Errors.Select(parseError => parseError.Message)), nameof(args));
    }

    private static async Task<int> RunScenarioAsync(
        IScenario scenario, CommonOptions common, ParseResult parsed, TextWriter output, TextWriter error, bool live, CancellationToken stopping)
    {
        var settings = common.Settings(parsed);
        var results = parsed.GetValue(common.Out)?.FullName ?? DefaultResultsDirectory();
        using var connections = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        // Tokens from identity through the gateway: the client's own for rooms, one per synthetic customer for the rest.
        using var identity = new HttpClient(connections, disposeHandler: false) { BaseAddress = settings.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var tokens = new AccessTokens(identity, ClientCredentials.Development);
        using var http = new HttpClient(new BearerTokenHandler(tokens) { InnerHandler = connections }, disposeHandler: false)
        {
            BaseAddress = settings.BaseUrl,
            // The runner's own timeout (--timeout) ends a request first and counts it as "timeout"; this bounds set-up calls.
            Timeout = settings.RequestTimeout!.Value + TimeSpan.FromSeconds(10),
        };
        // AppHost commands answer once done: a rolling redeploy or scaling in drains replicas, which takes a while under load.
        using var appHost = new HttpClient { BaseAddress = settings.AppHostApi, Timeout = TimeSpan.FromMinutes(5) };
        if (settings.AppHostToken is { Length: > 0 } token)
        {
            appHost.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var console = new ConsoleOutput(output, live);
        console.Log($"{scenario.Name} against {settings.BaseUrl}");
        try
        {
            var report = await scenario.RunAsync(new ScenarioContext(settings, http, new AppHostApi(appHost), console, stopping));
            var directory = await ReportWriter.WriteAsync(report, results, CancellationToken.None);
            console.Summary(report, directory);
            return report.Passed ? 0 : CheckFailed;
        }
        catch (HttpRequestException exception)
        {
            await error.WriteLineAsync(
                $"{scenario.Name}: {settings.BaseUrl} did not answer ({exception.Message}). Is the system running? (./scripts/run.sh)");
            return CheckFailed;
        }
        catch (ScenarioException exception)
        {
            await error.WriteLineAsync($"{scenario.Name}: {exception.Message}");
            return CheckFailed;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{scenario.Name}: stopped before any load ran; no report.");
            return CheckFailed;
        }
    }

    /// <summary>loadtests/results of the repository the command runs in (found by Accommodation.sln), else ./results.</summary>
    private static string DefaultResultsDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Accommodation.sln")))
            {
                return Path.Combine(directory.FullName, "loadtests", "results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "results");
    }
}
