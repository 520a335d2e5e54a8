using System.Security.Cryptography;
using System.Text;
using Accommodation.Hosting.Processes;

namespace Accommodation.Hosting.Postgres;

/// <summary>
/// The folder that holds the cluster (pgdata/) and its generated password. When we run as root the server runs
/// as the postgres user, so the folder must belong to it and be reachable by it.
/// </summary>
internal static class PostgresDataFolder
{
    public const string ServerUser = "postgres";

    public static async Task<string> PrepareAsync(string wanted, string? runAsUser, Action<string> log, CancellationToken cancellationToken)
    {
        wanted = Path.GetFullPath(wanted);
        Directory.CreateDirectory(wanted);
        if (runAsUser is null)
        {
            return wanted;
        }

        GiveTo(wanted, runAsUser);
        if (await CanWriteAsAsync(runAsUser, wanted, cancellationToken))
        {
            return wanted;
        }

        // e.g. a repository under /root, which the postgres user cannot enter; keep one stable folder per wanted path.
        var pathHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..12];
        var fallback = Path.Combine("/var/tmp/accommodation-apphost", pathHash, Path.GetFileName(wanted));
        Directory.CreateDirectory(fallback);
        GiveTo(fallback, runAsUser);
        log($"The {runAsUser} user cannot reach {wanted}; PostgreSQL data lives in {fallback} instead.");
        return fallback;
    }

    public static void GiveTo(string path, string user)
    {
        var (userId, groupId) = LibC.FindUser(user) ?? throw new PrerequisiteMissingException($"The '{user}' system user");
        LibC.ChangeOwner(path, userId, groupId);
    }

    private static async Task<bool> CanWriteAsAsync(string user, string directory, CancellationToken cancellationToken)
    {
        var probe = new ChildProcessSpec("test", ["-w", directory, "-a", "-x", directory]) { RunAsUser = user };
        return await ChildProcess.RunAsync(probe, _ => { }, cancellationToken) == 0;
    }
}
