using Accommodation.Hosting.Processes;

namespace AppHost.Tests.Processes;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_child_runs_in_its_own_session_so_the_terminals_ctrl_c_does_not_reach_it()
    {
        await using var child = ChildProcess.Start(new ChildProcessSpec("sleep", ["300"]), _ => { });
        await WaitUntilAsync(() => LinuxProcesses.CommandLine(child.Id)?.StartsWith("sleep", StringComparison.Ordinal) == true, "setsid to exec sleep");

        var info = LinuxProcesses.Read(child.Id);

        Assert.NotNull(info);
        Assert.Equal(child.Id, info.SessionId);
    }

    [Fact]
    public async Task Stopping_a_child_also_stops_what_it_started()
    {
        var child = ChildProcess.Start(new ChildProcessSpec("sh", ["-c", "sleep 300 & sleep 300 & wait"]), _ => { });
        var tree = await WaitForTreeAsync(child.Id, size: 3);

        await child.StopAsync(TimeSpan.FromSeconds(5));

        // The group's SIGKILL is delivered asynchronously: on a busy machine a grandchild may take a moment to die.
        await WaitUntilAsync(() => !tree.Any(LinuxProcesses.IsAlive), "the child and what it started to be gone");
    }

    [Fact]
    public async Task A_child_that_ignores_the_stop_signal_is_killed_after_the_grace_period()
    {
        var child = ChildProcess.Start(new ChildProcessSpec("sh", ["-c", "trap '' TERM; echo ready; while true; do sleep 1; done"]), _ => { });
        await WaitForTreeAsync(child.Id, size: 2);

        await child.StopAsync(TimeSpan.FromMilliseconds(300));

        Assert.True(child.HasExited);
    }

    [Fact]
    public async Task Output_lines_of_stdout_and_stderr_reach_the_callback()
    {
        var lines = new List<string>();
        var exitCode = await ChildProcess.RunAsync(
            new ChildProcessSpec("sh", ["-c", "echo out; echo err >&2; exit 3"]), line => { lock (lines) { lines.Add(line); } }, CancellationToken.None);

        Assert.Equal(3, exitCode);
        Assert.Equal(["err", "out"], lines.Order());
    }

    private static async Task<IReadOnlyList<LinuxProcesses.Info>> WaitForTreeAsync(int pid, int size)
    {
        await WaitUntilAsync(() => LinuxProcesses.TreeOf(pid).Count >= size, $"process {pid} to start {size - 1} children");
        return LinuxProcesses.TreeOf(pid);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
