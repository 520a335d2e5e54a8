using Accommodation.Hosting.Processes;

namespace Accommodation.Hosting.Postgres;

/// <summary>The PostgreSQL server programs: Debian's /usr/lib/postgresql/&lt;newest&gt;/bin, else PATH.</summary>
public sealed record PostgresBinaries(string Postgres, string InitDb)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public static PostgresBinaries Find()
    {
        var debianBinDirectories = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .OrderByDescending(directory => int.TryParse(Path.GetFileName(directory), out var version) ? version : 0)
                .Select(directory => Path.Combine(directory, "bin"))
            : [];
        var pathDirectory = ExecutableSearch.FindOnPath("postgres") is { } postgres ? Path.GetDirectoryName(postgres) : null;

        var binDirectory = debianBinDirectories.Append(pathDirectory)
            .OfType<string>()
            .FirstOrDefault(directory => File.Exists(Path.Combine(directory, "postgres")) && File.Exists(Path.Combine(directory, "initdb")));
        return binDirectory is null
            ? throw new PrerequisiteMissingException("PostgreSQL (postgres, initdb)")
            : new PostgresBinaries(Path.Combine(binDirectory, "postgres"), Path.Combine(binDirectory, "initdb"));
    }
}
