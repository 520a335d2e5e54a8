using System.Globalization;
using System.Text.RegularExpressions;

namespace Accommodation.Bench.Baselines;

/// <summary>Reads the summary wrk prints (with --latency) into a <see cref="WrkResult"/>.</summary>
public static partial class WrkOutput
{
    private static readonly Dictionary<string, long> TicksPerUnit = new()
    {
        ["us"] = TimeSpan.TicksPerMicrosecond,
        ["ms"] = TimeSpan.TicksPerMillisecond,
        ["s"] = TimeSpan.TicksPerSecond,
        ["m"] = TimeSpan.TicksPerMinute,
        ["h"] = TimeSpan.TicksPerHour,
    };

    /// <exception cref="FormatException">The output lacks a figure (e.g. wrk could not connect and printed an error instead).</exception>
    public static WrkResult Parse(string output)
    {
        var socketErrors = SocketErrorsLine().Match(output);
        return new WrkResult(
            RequestsPerSecond: double.Parse(Required(RequestsPerSecondLine(), output, "Requests/sec"), CultureInfo.InvariantCulture),
            P50: ParseTime(Required(Percentile50Line(), output, "the 50% latency (was --latency given?)")),
            P99: ParseTime(Required(Percentile99Line(), output, "the 99% latency (was --latency given?)")),
            Requests: long.Parse(Required(RequestsLine(), output, "the request count"), CultureInfo.InvariantCulture),
            // Both lines are printed only when the count is not zero.
            Non2xx: Non2xxLine().Match(output) is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            SocketErrors: socketErrors.Success ? Enumerable.Range(1, 4).Sum(group => long.Parse(socketErrors.Groups[group].Value, CultureInfo.InvariantCulture)) : 0);
    }

    /// <summary>One of wrk's times: a number and its unit, e.g. "808.57us", "4.29ms", "1.20s", "1.50m".</summary>
    public static TimeSpan ParseTime(string text)
    {
        var time = TimeValue().Match(text.Trim());
        return time.Success && TicksPerUnit.TryGetValue(time.Groups[2].Value, out var ticks)
            ? TimeSpan.FromTicks((long)Math.Round(double.Parse(time.Groups[1].Value, CultureInfo.InvariantCulture) * ticks))
            : throw new FormatException($"'{text}' is not a wrk time (a number followed by us, ms, s, m or h).");
    }

    private static string Required(Regex line, string output, string what) =>
        line.Match(output) is { Success: true } match
            ? match.Groups[1].Value
            : throw new FormatException($"wrk's output has no {what}:{Environment.NewLine}{output}");

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    // Under "Latency Distribution"; the thread stats' "+/- Stdev" percentages never start a line.
    [GeneratedRegex(@"^\s+50%\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile50Line();

    [GeneratedRegex(@"^\s+99%\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile99Line();

    [GeneratedRegex(@"^\s*([0-9]+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(us|ms|s|m|h)$")]
    private static partial Regex TimeValue();
}
