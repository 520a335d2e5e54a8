using System.Diagnostics;
using Accommodation.Hosting.Processes;

namespace AppHost.Tests.Processes;

/// <summary>The CPU time the autoscaler reads from /proc for its CPU target.</summary>
public sealed class ProcessCpuTests
{
    [Fact]
    public void A_process_cpu_time_grows_while_it_works_and_a_gone_process_has_none()
    {
        var before = ProcessCpu.ReadSeconds(Environment.ProcessId);

        var spinning = Stopwatch.StartNew();
        var sum = 0L;
        while (spinning.ElapsedMilliseconds < 300)
        {
            sum += spinning.ElapsedTicks % 7;
        }

        var after = ProcessCpu.ReadSeconds(Environment.ProcessId);
        Assert.True(sum >= 0);
        Assert.NotNull(before);
        Assert.True(after > before, $"CPU time went from {before} s to {after} s");
        Assert.Null(ProcessCpu.ReadSeconds(int.MaxValue));
    }
}
