using System.Globalization;
using System.Text.RegularExpressions;
using Accommodation.Hosting;
using Accommodation.Hosting.Postgres;
using Accommodation.Hosting.Processes;
using Npgsql;

namespace Accommodation.Bench.Baselines;

/// <summary>PostgreSQL alone: pgbench running the very INSERT the Baselines endpoint runs per request.</summary>
public static partial class PgBench
{
    /// <summary>The Baselines program creates the same table; a single-row INSERT into it is what both measure.</summary>
    public const string CreateTable =
        "CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, payload text, created_at timestamptz DEFAULT now())";

    public const string Insert = "INSERT INTO bench_rows(payload) VALUES ('x')";

    /// <summary>
    /// Committed single-row inserts per second over <paramref name="duration"/> (whole seconds), from
    /// <paramref name="clients"/> connections at once, on the database <paramref name="connectionString"/> names
    /// (bench_rows is created there when missing).
    /// </summary>
    public static async Task<double> SingleRowInsertsPerSecondAsync(
        string connectionString, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var pgbench = Find();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand(CreateTable, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var script = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(script, Insert + ";\n", cancellationToken);
            List<string> arguments =
            [
                // -n: no vacuum of pgbench's own tables, which this database does not have.
                "-n",
                "-f", script,
                "-c", clients.ToString(CultureInfo.InvariantCulture),
                // pgbench refuses more threads than clients.
                "-j", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture),
                "-T", Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
                "-h", target.Host ?? "127.0.0.1",
                "-p", target.Port.ToString(CultureInfo.InvariantCulture),
                "-U", target.Username ?? PostgresServer.SuperUser,
                target.Database ?? "postgres",
            ];
            // The password goes by environment, not on a command line anyone can read with ps.
            var spec = new ChildProcessSpec(pgbench, arguments)
            {
                Environment = new Dictionary<string, string> { ["PGPASSWORD"] = target.Password ?? "" },
            };
            var (exitCode, output) = await BenchProcesses.RunAsync(spec, cancellationToken);
            return exitCode == 0
                ? ParseTransactionsPerSecond(output)
                : throw new InvalidOperationException($"pgbench exited with code {exitCode}:{Environment.NewLine}{output}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>pgbench's "tps = N (without initial connection time)": one INSERT per transaction, so inserts per second.</summary>
    /// <exception cref="FormatException">The output has no such line.</exception>
    public static double ParseTransactionsPerSecond(string output) =>
        TransactionsPerSecondLine().Match(output) is { Success: true } tps
            ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new FormatException($"pgbench's output has no 'tps = N (without initial connection time)':{Environment.NewLine}{output}");

    /// <summary>pgbench from the PostgreSQL the AppHost runs (Debian ships it with the server, in the same bin folder).</summary>
    public static string Find()
    {
        var pgbench = Path.Combine(Path.GetDirectoryName(PostgresBinaries.Find().Postgres)!, "pgbench");
        return File.Exists(pgbench) ? pgbench : throw new PrerequisiteMissingException($"pgbench ({pgbench})");
    }

    [GeneratedRegex(@"^tps = ([0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex TransactionsPerSecondLine();
}
