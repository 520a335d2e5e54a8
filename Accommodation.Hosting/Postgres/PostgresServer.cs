using System.Globalization;
using System.Security.Cryptography;
using Accommodation.Hosting.Networking;
using Accommodation.Hosting.Processes;
using Npgsql;

namespace Accommodation.Hosting.Postgres;

/// <summary>
/// A PostgreSQL server run from the machine's binaries as a child process: initialised once into its data folder
/// (password generated then and kept there), listening on 127.0.0.1 only.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string SuperUser = "postgres";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(15);

    private readonly ChildProcess _process;

    private PostgresServer(ChildProcess process, string dataDirectory, int port, string password)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>The folder actually used (it differs from the wanted one when the postgres user could not reach that).</summary>
    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>Server-level connection string (database "postgres", superuser).</summary>
    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    public Task<int> Exited => _process.Exited;

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Find();
        // PostgreSQL refuses to run as root.
        var runAsUser = Environment.IsPrivilegedProcess ? PostgresDataFolder.ServerUser : null;
        var dataDirectory = await PostgresDataFolder.PrepareAsync(options.DataDirectory, runAsUser, log, cancellationToken);
        var clusterDirectory = Path.Combine(dataDirectory, "pgdata");
        var passwordFile = Path.Combine(dataDirectory, "password");

        if (!Directory.Exists(clusterDirectory))
        {
            await InitializeClusterAsync(binaries, clusterDirectory, passwordFile, runAsUser, log, cancellationToken);
        }

        // A postmaster from a crashed run still holds the cluster and the port.
        if (ProcessTable.ReadPidFile(Path.Combine(clusterDirectory, "postmaster.pid")) is { } stalePid)
        {
            await ProcessTable.StopStaleAsync(stalePid, clusterDirectory, LibC.SigInt, StopGracePeriod);
        }

        if (FreePort.IsInUse(options.Port))
        {
            throw new InvalidOperationException($"PostgreSQL cannot listen on port {options.Port}: it is in use.");
        }

        var process = ChildProcess.Start(ServerSpec(binaries, clusterDirectory, options, runAsUser), log);
        var server = new PostgresServer(process, dataDirectory, options.Port, File.ReadAllText(passwordFile).Trim());
        try
        {
            await server.WaitUntilAcceptingConnectionsAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the database unless it exists; returns its connection string.</summary>
    public Task<string> EnsureDatabaseAsync(string database, CancellationToken cancellationToken) =>
        PostgresDatabases.EnsureCreatedAsync(ConnectionString, database, cancellationToken);

    public Task StopAsync() => _process.StopAsync(StopGracePeriod);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task InitializeClusterAsync(
        PostgresBinaries binaries, string clusterDirectory, string passwordFile, string? runAsUser, Action<string> log, CancellationToken cancellationToken)
    {
        // initdb works in a side folder that becomes the cluster only when complete, so an interrupted run leaves no half cluster.
        var initializingDirectory = clusterDirectory + ".initializing";
        if (Directory.Exists(initializingDirectory))
        {
            Directory.Delete(initializingDirectory, recursive: true);
        }

        if (!File.Exists(passwordFile))
        {
            File.WriteAllText(passwordFile, RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24));
            LibC.ChangeMode(passwordFile, Convert.ToInt32("600", 8));
            if (runAsUser is not null)
            {
                PostgresDataFolder.GiveTo(passwordFile, runAsUser);
            }
        }

        log($"Initialising a PostgreSQL cluster in {clusterDirectory}");
        var initDb = new ChildProcessSpec(
            binaries.InitDb,
            ["-D", initializingDirectory, "-U", SuperUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"])
        {
            RunAsUser = runAsUser,
            WorkingDirectory = Path.GetDirectoryName(clusterDirectory),
        };
        var output = new List<string>();
        var exitCode = await ChildProcess.RunAsync(initDb, line => { lock (output) { output.Add(line); } }, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed with exit code {exitCode}: {string.Join(Environment.NewLine, output)}");
        }

        Directory.Move(initializingDirectory, clusterDirectory);
    }

    private static ChildProcessSpec ServerSpec(PostgresBinaries binaries, string clusterDirectory, PostgresServerOptions options, string? runAsUser)
    {
        List<string> arguments =
        [
            "-D", clusterDirectory,
            "-p", options.Port.ToString(CultureInfo.InvariantCulture),
            // TCP on loopback only: no socket file to clash with a system cluster.
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
        ];
        foreach (var (name, value) in options.Settings)
        {
            arguments.AddRange(["-c", $"{name}={value}"]);
        }

        return new ChildProcessSpec(binaries.Postgres, arguments)
        {
            RunAsUser = runAsUser,
            WorkingDirectory = Path.GetDirectoryName(clusterDirectory),
            StopSignal = LibC.SigInt,
        };
    }

    private async Task WaitUntilAcceptingConnectionsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await PostgresDatabases.CanConnectAsync(ConnectionString, cancellationToken))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited with code {await _process.Exited} while starting.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"PostgreSQL did not accept connections on port {Port} within {StartTimeout.TotalSeconds} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
