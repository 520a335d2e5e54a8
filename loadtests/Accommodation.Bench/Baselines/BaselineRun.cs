using System.Globalization;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Postgres;
using Accommodation.Hosting.Processes;

namespace Accommodation.Bench.Baselines;

/// <summary>
/// Measures the baselines: its own PostgreSQL (on a free port, in a temporary folder) with pgbench, then the Baselines
/// program as an endpoint and as a YARP proxy in front of it, each loaded by wrk. Everything it started is stopped
/// at the end, also when cancelled.
/// </summary>
public static class BaselineRun
{
    private const string ProjectName = "Accommodation.Bench.Baselines";

    public static async Task<BaselineFigures> MeasureAsync(BaselineSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        var baselines = settings.BaselinesAssembly ?? await BuildBaselinesAsync(log, cancellationToken);
        // Not Directory.CreateTempSubdirectory: its folder is private, and the postgres user must reach into ours.
        var runFolder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"accommodation-bench-{Guid.NewGuid():N}")).FullName;
        var postgresData = Path.Combine(runFolder, "postgres");
        try
        {
            // Default settings, as the AppHost runs PostgreSQL for the system: durable commits.
            await using var postgres = await PostgresServer.StartAsync(
                new PostgresServerOptions(postgresData, FreePort.Find()), line => log($"[postgres] {line}"), cancellationToken);
            postgresData = postgres.DataDirectory;
            var database = await postgres.EnsureDatabaseAsync("bench", cancellationToken);

            log($"pgbench: {PgBench.Insert}, {settings.PgBenchClients} clients, {Seconds(settings.Duration)}");
            var postgresInserts = await PgBench.SingleRowInsertsPerSecondAsync(database, settings.PgBenchClients, settings.Duration, cancellationToken);
            log($"PostgreSQL alone: {postgresInserts:F0} inserts/s");

            var endpoint = new Uri($"http://127.0.0.1:{FreePort.Find()}/");
            await using var endpointProcess = await BenchProcesses.StartHttpServerAsync(
                "endpoint",
                // The connection string goes by environment, keeping its password off the command line.
                Baselines(baselines, "endpoint", endpoint) with { Environment = new Dictionary<string, string> { ["ConnectionStrings__bench"] = database } },
                endpoint,
                log,
                cancellationToken);
            var proxy = new Uri($"http://127.0.0.1:{FreePort.Find()}/");
            await using var proxyProcess = await BenchProcesses.StartHttpServerAsync(
                "proxy", Baselines(baselines, "proxy", proxy, "--target", endpoint.AbsoluteUri), proxy, log, cancellationToken);

            var get = new WrkOptions { Threads = settings.WrkThreads, Connections = settings.Connections, Duration = settings.Duration };
            var post = get with { Method = "POST" };
            return new BaselineFigures(
                Minimal: await MeasureAsync("minimal endpoint", endpoint, get, settings.Warmup, log, cancellationToken),
                MinimalViaYarp: await MeasureAsync("minimal via YARP", proxy, get, settings.Warmup, log, cancellationToken),
                Insert: await MeasureAsync("insert endpoint", new Uri(endpoint, "insert"), post, settings.Warmup, log, cancellationToken),
                InsertViaYarp: await MeasureAsync("insert via YARP", new Uri(proxy, "insert"), post, settings.Warmup, log, cancellationToken),
                PostgresInsertsPerSecond: postgresInserts);
        }
        finally
        {
            // The processes are stopped by now (await using); their folders can go.
            DeleteFolder(runFolder, log);
            if (!postgresData.StartsWith(runFolder, StringComparison.Ordinal))
            {
                DeleteFolder(postgresData, log);
            }
        }
    }

    private static async Task<WrkResult> MeasureAsync(
        string name, Uri url, WrkOptions options, TimeSpan warmup, Action<string> log, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero)
        {
            await Wrk.RunAsync(url, options with { Duration = warmup }, cancellationToken);
        }

        log($"wrk: {name}, {(options.Method ?? "GET")} {url}, {options.Connections} connections, {Seconds(options.Duration)}");
        var result = await Wrk.RunAsync(url, options, cancellationToken);
        log($"{name}: {result}");
        return result;
    }

    private static ChildProcessSpec Baselines(string assembly, string mode, Uri url, params string[] more) =>
        new(ExecutableSearch.DotnetHost, [assembly, mode, "--urls", url.GetLeftPart(UriPartial.Authority), .. more]);

    private static async Task<string> BuildBaselinesAsync(Action<string> log, CancellationToken cancellationToken)
    {
        var project = FindProject();
        log($"building {project} (Release)");
        var (exitCode, output) = await BenchProcesses.RunAsync(
            new ChildProcessSpec(ExecutableSearch.DotnetHost, ["build", project, "--configuration", "Release", "--nologo", "--verbosity", "quiet"]),
            cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {project} failed with exit code {exitCode}:{Environment.NewLine}{output}");
        }

        // bin/Release/<framework>/: the newest, should an older framework's build linger there too.
        return new DirectoryInfo(Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release"))
            .EnumerateFiles(ProjectName + ".dll", SearchOption.AllDirectories)
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .FirstOrDefault()?.FullName
            ?? throw new FileNotFoundException($"Building {project} produced no {ProjectName}.dll.");
    }

    // The repository is above wherever the bench runs from: its folder, or its bin folder.
    private static string FindProject()
    {
        var relative = Path.Combine("loadtests", ProjectName, ProjectName + ".csproj");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, relative)))
                {
                    return Path.Combine(folder.FullName, relative);
                }
            }
        }

        throw new FileNotFoundException($"{relative} is not above {Directory.GetCurrentDirectory()} nor {AppContext.BaseDirectory}.");
    }

    private static void DeleteFolder(string folder, Action<string> log)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log($"could not delete {folder}: {exception.Message}");
        }
    }

    private static string Seconds(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds))} s");
}
