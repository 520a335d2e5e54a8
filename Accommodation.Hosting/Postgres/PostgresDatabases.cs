using Npgsql;

namespace Accommodation.Hosting.Postgres;

/// <summary>Database-level helpers that work against any PostgreSQL server, local or external.</summary>
public static class PostgresDatabases
{
    private const string DuplicateDatabase = "42P04";

    /// <summary>Creates the database unless it exists; returns its connection string.</summary>
    public static async Task<string> EnsureCreatedAsync(string serverConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(WithoutPooling(serverConnectionString));
        await connection.OpenAsync(cancellationToken);

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == DuplicateDatabase)
            {
                // Someone else created it between our check and our CREATE: that is what we wanted.
            }
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>True when the server accepts a connection (and, if the connection string names one, the database exists).</summary>
    public static async Task<bool> CanConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(WithoutPooling(connectionString));
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    // Probes and one-off DDL should not leave idle pooled connections behind in the AppHost.
    private static string WithoutPooling(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
}
