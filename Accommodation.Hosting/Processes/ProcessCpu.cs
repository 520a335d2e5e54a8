using System.Globalization;

namespace Accommodation.Hosting.Processes;

/// <summary>CPU time a process has used, from /proc/{pid}/stat (utime + stime, in clock ticks of 1/100 s on Linux).</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    public static double? ReadSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var userTicks = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var systemTicks = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (userTicks + systemTicks) / TicksPerSecond;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
