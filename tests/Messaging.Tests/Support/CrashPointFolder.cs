using Accommodation.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.Tests.Support;

/// <summary>A crash-point folder of one test; its triggers run a callback where the real one kills the process.</summary>
internal sealed class CrashPointFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("crash-points-").FullName;

    public void Arm(string point) => System.IO.File.WriteAllText(File(point), string.Empty);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public IEnumerable<string> Files => Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order();

    public CrashPointTrigger Trigger(Action crash, int claimant = 1, ILogger? logger = null) =>
        new(Path, claimant, crash, logger ?? NullLogger.Instance);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Thrown where the process would have died, so the flow stops there as it would in a crash.</summary>
internal sealed class SimulatedCrashException(string point) : Exception($"Crashed at {point} (simulated).");
