using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Accommodation.Messaging;

/// <summary>Kills the process at an armed <see cref="CrashPoints">crash point</see>; does nothing when none is configured.</summary>
internal sealed partial class CrashPointTrigger
{
    private readonly string? _directory;
    private readonly int _claimant;
    private readonly Action _kill;
    private readonly ILogger _logger;

    internal CrashPointTrigger(string? directory, int claimant, Action kill, ILogger logger)
    {
        _directory = string.IsNullOrWhiteSpace(directory) ? null : directory;
        _claimant = claimant;
        _kill = kill;
        _logger = logger;
    }

    public bool IsEnabled => _directory is not null;

    public static CrashPointTrigger Create(IServiceProvider services) =>
        new(services.GetRequiredService<IConfiguration>()[CrashPoints.DirectoryKey],
            Environment.ProcessId,
            // SIGKILL on Unix: nothing after this line runs, exactly like a crash.
            () => Process.GetCurrentProcess().Kill(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<CrashPointTrigger>());

    public void Reach(string point)
    {
        if (_directory is null)
        {
            return;
        }

        var armed = Path.Combine(_directory, point);
        try
        {
            // rename(2) is atomic: of two replicas reaching the point together, exactly one claims the file and dies.
            File.Move(armed, $"{armed}.claimed-{_claimant}", overwrite: true);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        LogCrashing(point);
        _kill();
    }

    [LoggerMessage(LogLevel.Critical, "Crash point {Point} reached: killing the process")]
    private partial void LogCrashing(string point);
}
