using System.Globalization;
using Accommodation.Hosting.Processes;

namespace Accommodation.Testing;

/// <summary>
/// A small process, in its own session, that stops the servers of a test process once that process is gone and
/// deletes their folder. The test host cannot do it itself: vstest kills it about 100 ms after the last test, and a
/// test run can be aborted; this outlives both.
/// </summary>
internal static class TestProcessWatchdog
{
    // $1 = test process, $2 = postgres (SIGINT = fast shutdown), $3 = redis-server, $4 = folder to delete.
    private const string Script = """
        while kill -0 "$1" 2>/dev/null; do sleep 0.2; done
        kill -INT "$2" 2>/dev/null
        kill -TERM "$3" 2>/dev/null
        for attempt in $(seq 100); do
          kill -0 "$2" 2>/dev/null || kill -0 "$3" 2>/dev/null || break
          sleep 0.1
        done
        kill -KILL -- "-$2" "-$3" 2>/dev/null
        rm -rf "$4"
        """;

    public static void Start(int postgresProcessId, int redisProcessId, string folder)
    {
        var arguments = new[] { "-c", Script, "test-process-watchdog" }
            .Concat(new[] { Environment.ProcessId, postgresProcessId, redisProcessId }.Select(pid => pid.ToString(CultureInfo.InvariantCulture)))
            .Append(folder)
            .ToList();
        ChildProcess.Start(new ChildProcessSpec("sh", arguments), line => Console.WriteLine($"[test-process-watchdog] {line}"));
    }
}
