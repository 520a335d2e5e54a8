using System.Globalization;
using System.Text;
using Accommodation.Hosting;
using Accommodation.Hosting.Processes;

namespace Accommodation.Bench.Baselines;

/// <summary>Runs Debian's wrk against one URL and reads its summary.</summary>
public static class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri url, WrkOptions options, CancellationToken cancellationToken)
    {
        var wrk = ExecutableSearch.FindOnPath("wrk") ?? throw new PrerequisiteMissingException("wrk (apt-get install wrk)");
        var needsScript = options.Method is not null || options.Body is not null;
        if (needsScript && options.ScriptFile is not null)
        {
            throw new ArgumentException("wrk takes one script: set the method and body in your own script file.", nameof(options));
        }

        var generatedScript = needsScript ? Path.GetTempFileName() : null;
        try
        {
            if (generatedScript is not null)
            {
                await File.WriteAllTextAsync(generatedScript, RequestScript(options.Method, options.Body), cancellationToken);
            }

            var (exitCode, output) = await BenchProcesses.RunAsync(
                new ChildProcessSpec(wrk, Arguments(url, options, generatedScript ?? options.ScriptFile)), cancellationToken);
            return exitCode == 0
                ? WrkOutput.Parse(output)
                : throw new InvalidOperationException($"wrk exited with code {exitCode}:{Environment.NewLine}{output}");
        }
        finally
        {
            if (generatedScript is not null)
            {
                File.Delete(generatedScript);
            }
        }
    }

    /// <summary>wrk's command line: -t -c -d --latency, then -H per header, -s, and the URL.</summary>
    public static IReadOnlyList<string> Arguments(Uri url, WrkOptions options, string? scriptFile)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(options.Duration.TotalSeconds));
        List<string> arguments =
        [
            $"-t{options.Threads.ToString(CultureInfo.InvariantCulture)}",
            $"-c{options.Connections.ToString(CultureInfo.InvariantCulture)}",
            $"-d{seconds.ToString(CultureInfo.InvariantCulture)}s",
            "--latency",
        ];
        foreach (var (name, value) in options.Headers)
        {
            arguments.AddRange(["-H", $"{name}: {value}"]);
        }

        if (scriptFile is not null)
        {
            arguments.AddRange(["-s", scriptFile]);
        }

        arguments.Add(url.AbsoluteUri);
        return arguments;
    }

    /// <summary>The Lua that makes every request use <paramref name="method"/> and carry <paramref name="body"/>.</summary>
    public static string RequestScript(string? method, string? body)
    {
        var script = new StringBuilder();
        if (method is not null)
        {
            script.Append("wrk.method = ").Append(LuaString(method)).Append('\n');
        }

        if (body is not null)
        {
            script.Append("wrk.body = ").Append(LuaString(body)).Append('\n');
        }

        return script.ToString();
    }

    // Every byte that is not plain printable ASCII becomes a three-digit \ddd escape, so any text survives as is.
    private static string LuaString(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var octet in Encoding.UTF8.GetBytes(value))
        {
            if (octet is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\')
            {
                quoted.Append((char)octet);
            }
            else
            {
                quoted.Append('\\').Append(octet.ToString("D3", CultureInfo.InvariantCulture));
            }
        }

        return quoted.Append('"').ToString();
    }
}
