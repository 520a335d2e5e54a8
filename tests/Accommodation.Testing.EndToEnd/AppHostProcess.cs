using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Accommodation.Hosting.Networking;

namespace Accommodation.Testing.EndToEnd;

/// <summary>The built AppHost run as a real process, as `dotnet run --project Accommodation.AppHost` would.</summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _gatewayUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri> _apiUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(typeof(Projects.Gateway).Assembly.Location);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NO_COLOR"] = "1";
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>The token the AppHost printed with its API's URL; null when it runs unsecured.</summary>
    public string? ApiToken { get; private set; }

    /// <summary>The dashboard's login link, printed before any resource starts.</summary>
    public string? DashboardUrl { get; private set; }

    public string Output => string.Join(Environment.NewLine, _output);

    public static AppHostProcess Start(params string[] arguments) => new(arguments);

    /// <summary>
    /// A system of its own beside any other on this machine: <paramref name="dataDirectory"/> for its data, and a free
    /// port for the AppHost API, Kafka, PostgreSQL, Redis and the gateway.
    /// </summary>
    public static AppHostProcess StartIsolated(string dataDirectory, params string[] arguments) => new(
    [
        $"--AppHost:DataDirectory={dataDirectory}",
        $"--AppHost:Port={FreePort.Find()}",
        $"--Resources:kafka:Port={FreePort.Find()}",
        $"--Resources:postgres:Port={FreePort.Find()}",
        $"--Resources:cache:Port={FreePort.Find()}",
        $"--Resources:gateway:Port={FreePort.Find()}",
        .. arguments,
    ]);

    /// <summary>Printed once every resource is healthy.</summary>
    public Task<Uri> WaitForGatewayUrlAsync(TimeSpan timeout) => WaitForLineAsync(_gatewayUrl.Task, "the gateway URL", timeout);

    /// <summary>Printed before any resource starts: GET /api/resources, POST /api/resources/{name}/stop|start|restart.</summary>
    public Task<Uri> WaitForApiUrlAsync(TimeSpan timeout) => WaitForLineAsync(_apiUrl.Task, "the AppHost API URL", timeout);

    /// <summary>Sends SIGTERM (as `kill` or a service manager would) and waits for the AppHost to exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The test failed before a clean stop; do not leave a running system behind.
            await TerminateAsync(TimeSpan.FromSeconds(60)).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private async Task<Uri> WaitForLineAsync(Task<Uri> url, string what, TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(url, exited).WaitAsync(timeout);
        return first == url
            ? await url
            : throw new InvalidOperationException(
                $"The AppHost exited with code {_process.ExitCode} before printing {what}. Its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, _output.TakeLast(40))}");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (GatewayLine().Match(line) is { Success: true } match)
        {
            _gatewayUrl.TrySetResult(new Uri(match.Groups["url"].Value));
        }
        else if (DashboardLine().Match(line) is { Success: true } dashboard)
        {
            DashboardUrl = dashboard.Groups["url"].Value;
        }
        else if (ApiLine().Match(line) is { Success: true } api)
        {
            ApiToken = api.Groups["token"].Success ? api.Groups["token"].Value : null;
            _apiUrl.TrySetResult(new Uri(api.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"Gateway: (?<url>http://\S+)")]
    private static partial Regex GatewayLine();

    [GeneratedRegex(@"Dashboard: (?<url>http://\S+)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"AppHost API: (?<url>http://[^/\s]+)/api/resources( \(send the token as 'Authorization: Bearer (?<token>[0-9a-f]+)'\))?")]
    private static partial Regex ApiLine();
}
