namespace Accommodation.Hosting.Processes;

/// <summary>Reads /proc to find processes left behind by an earlier run.</summary>
internal static class ProcessTable
{
    /// <summary>The command line of a running process (arguments joined by spaces), or null when it is gone.</summary>
    public static string? ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stops a process from a previous run (pid read from its pid file) if it is still alive and is what we expect.</summary>
    public static async Task StopStaleAsync(int pid, string expectedInCommandLine, int stopSignal, TimeSpan gracePeriod)
    {
        if (ReadCommandLine(pid) is not { } commandLine || !commandLine.Contains(expectedInCommandLine, StringComparison.Ordinal))
        {
            return;
        }

        LibC.Signal(pid, stopSignal);
        var deadline = DateTime.UtcNow + gracePeriod;
        while (ReadCommandLine(pid) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // Children of our run lead their own process group, so this also ends what they spawned.
        LibC.Signal(-pid, LibC.SigKill);
        LibC.Signal(pid, LibC.SigKill);
    }

    /// <summary>Reads the pid on the first line of a pid file (PostgreSQL's postmaster.pid, Redis's pid file).</summary>
    public static int? ReadPidFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var firstLine = File.ReadLines(path).FirstOrDefault();
        return int.TryParse(firstLine, out var pid) && pid > 0 ? pid : null;
    }
}
