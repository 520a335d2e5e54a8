using System.Globalization;

namespace Accommodation.Bench;

/// <summary>The bench's few knobs; every default is what docs/performance.md reports.</summary>
/// <param name="Duration">How long each measurement offers load.</param>
/// <param name="Connections">wrk's connections (and the booking's users).</param>
/// <param name="EventRate">Reservations per second while event lag is measured.</param>
/// <param name="Sweep">Also measure read and write at rising load, for the growth charts.</param>
/// <param name="Out">Where the report goes.</param>
public sealed record BenchOptions(TimeSpan Duration, int Connections, double EventRate, bool Sweep, string Out)
{
    public const string Usage = """
        bench: measures this machine's baselines (wrk, pgbench) and the system through its gateway, in one run.
          --duration <seconds>     each measurement (default 10)
          --connections <n>        wrk connections and booking users (default 64)
          --event-rate <n>         reservations/s while event lag is measured (default 500)
          --no-sweep               skip the read and write sweeps (faster)
          --out <folder>           report folder (default loadtests/results/bench-<time>)
        """;

    public static BenchOptions? Parse(string[] args, TextWriter errors)
    {
        var options = new BenchOptions(TimeSpan.FromSeconds(10), 64, 500, Sweep: true, DefaultOut());
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            try
            {
                options = args[i] switch
                {
                    "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                    "--connections" => options with { Connections = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--event-rate" => options with { EventRate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--no-sweep" => options with { Sweep = false },
                    "--out" => options with { Out = Path.GetFullPath(Value()) },
                    _ => throw new FormatException($"Unknown option {args[i]}."),
                };
            }
            catch (FormatException exception)
            {
                errors.WriteLine(exception.Message);
                errors.WriteLine(Usage);
                return null;
            }
        }

        return options;
    }

    private static string DefaultOut() => Path.Combine(
        Directory.GetCurrentDirectory(), "loadtests", "results", $"bench-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
}
