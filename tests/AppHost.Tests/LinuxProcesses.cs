namespace AppHost.Tests;

/// <summary>What /proc says about running processes: parent, session and start time, to follow a process tree.</summary>
internal static class LinuxProcesses
{
    public sealed record Info(int Pid, int ParentPid, int SessionId, long StartTime);

    public static IReadOnlyList<Info> All()
    {
        var processes = new List<Info>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Read(pid) is { } info)
            {
                processes.Add(info);
            }
        }

        return processes;
    }

    public static Info? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp session ... starttime(22nd)"; comm may contain spaces, so split after ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[0] == "Z" ? null : new Info(pid, int.Parse(fields[1]), int.Parse(fields[3]), long.Parse(fields[19]));
    }

    /// <summary>The process and everything below it.</summary>
    public static IReadOnlyList<Info> TreeOf(int rootPid)
    {
        var all = All();
        var tree = all.Where(process => process.Pid == rootPid).ToList();
        for (var index = 0; index < tree.Count; index++)
        {
            tree.AddRange(all.Where(process => process.ParentPid == tree[index].Pid));
        }

        return tree;
    }

    /// <summary>True while the same process (same pid and start time, so not a reused pid) still runs.</summary>
    public static bool IsAlive(Info process) => Read(process.Pid) is { } current && current.StartTime == process.StartTime;

    public static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
