using System.Diagnostics;

namespace Accommodation.Hosting.Processes;

/// <summary>
/// A child process in its own session and process group: the terminal's Ctrl+C reaches only us, and
/// stopping signals the whole group so nothing the child spawned is left behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly int _stopSignal;

    private ChildProcess(Process process, int stopSignal)
    {
        _process = process;
        _stopSignal = stopSignal;
        Exited = WaitForExitCodeAsync(process);
    }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code once the process has exited and its output is drained.</summary>
    public Task<int> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    public static ChildProcess Start(ChildProcessSpec spec, Action<string> onOutputLine)
    {
        // setsid execs in place (we are not a group leader), so the pid we get is the program's and also its group id.
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? "/",
        };
        if (spec.RunAsUser is { } user)
        {
            foreach (var argument in (string[])["setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups"])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        startInfo.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => ForwardLine(line.Data, onOutputLine);
        process.ErrorDataReceived += (_, line) => ForwardLine(line.Data, onOutputLine);
        // A socket the child inherited by accident would stay open after we close it, and its peer would wait on.
        LibC.MarkDescriptorsCloseOnExec();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, spec.StopSignal);
    }

    /// <summary>Runs a short command to completion (e.g. initdb) and returns its exit code.</summary>
    public static async Task<int> RunAsync(ChildProcessSpec spec, Action<string> onOutputLine, CancellationToken cancellationToken)
    {
        await using var child = Start(spec, onOutputLine);
        await using var stopOnCancel = cancellationToken.Register(() => LibC.Signal(-child.Id, LibC.SigKill));
        var exitCode = await child.Exited;
        cancellationToken.ThrowIfCancellationRequested();
        return exitCode;
    }

    /// <summary>Asks the process group to stop; kills it when it has not exited within <paramref name="gracePeriod"/>.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (!HasExited)
        {
            LibC.Signal(-Id, _stopSignal);
            await Exited.WaitAsync(gracePeriod).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        // Also reaps anything the child left running in its group after it exited.
        LibC.Signal(-Id, LibC.SigKill);
        await Exited;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private static void ForwardLine(string? line, Action<string> onOutputLine)
    {
        if (line is not null)
        {
            onOutputLine(line);
        }
    }

    private static async Task<int> WaitForExitCodeAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
