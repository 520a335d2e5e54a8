using Accommodation.Hosting.Processes;

namespace Accommodation.Bench.Baselines;

/// <summary>
/// Starting and stopping the bench's programs, through the AppHost's <see cref="ChildProcess"/>: each runs in a process
/// group of its own, and stopping (also on cancellation) kills the whole group.
/// </summary>
internal static class BenchProcesses
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs a command to its end; its output is stdout and stderr as the lines arrived. Cancelling kills it.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ChildProcessSpec spec, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var exitCode = await ChildProcess.RunAsync(spec, line => { lock (lines) { lines.Add(line); } }, cancellationToken);
        lock (lines)
        {
            return (exitCode, string.Join('\n', lines));
        }
    }

    /// <summary>Starts an HTTP server and returns once <paramref name="readyUrl"/> answers 2xx; dispose the result to stop it.</summary>
    public static async Task<ChildProcess> StartHttpServerAsync(
        string name, ChildProcessSpec spec, Uri readyUrl, Action<string> log, CancellationToken cancellationToken)
    {
        var process = ChildProcess.Start(spec, line => log($"[{name}] {line}"));
        try
        {
            await WaitUntilAnswersAsync(name, process, readyUrl, cancellationToken);
            log($"[{name}] answers at {readyUrl}");
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitUntilAnswersAsync(string name, ChildProcess process, Uri readyUrl, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(readyUrl, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {await process.Exited} while starting.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} did not answer {readyUrl} within {ReadyTimeout.TotalSeconds} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
