using System.Diagnostics;
using System.Globalization;

namespace Accommodation.Bench.Measurements;

/// <summary>
/// Waits until the machine is quiet again after a load: the consumers catching up on the events a write burst left
/// behind would otherwise be measured as part of the next figure. Reads the CPU's busy share from /proc/stat.
/// </summary>
internal static class QuietMachine
{
    private const double QuietBusyShare = 0.35;
    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(90);

    public static async Task WaitAsync(Action<string> log, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        double busy;
        do
        {
            var before = CpuTimes();
            await Task.Delay(Sample, cancellationToken);
            var after = CpuTimes();
            busy = 1 - ((double)(after.Idle - before.Idle) / Math.Max(1, after.Total - before.Total));
        }
        while (busy > QuietBusyShare && waited.Elapsed < MaxWait);

        if (waited.Elapsed > TimeSpan.FromSeconds(2))
        {
            log($"  (waited {waited.Elapsed.TotalSeconds:0} s for the machine to settle: {busy:P0} busy)");
        }
    }

    /// <summary>The first line of /proc/stat: jiffies per state since boot; idle and iowait count as idle.</summary>
    private static (long Idle, long Total) CpuTimes()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        return (fields[3] + fields[4], fields.Sum());
    }
}
