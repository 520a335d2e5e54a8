namespace Accommodation.Hosting.Processes;

/// <summary>What to run as a child process, and how to ask it to stop.</summary>
public sealed record ChildProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs the program as this user (needs root), e.g. "postgres", which refuses to run as root.</summary>
    public string? RunAsUser { get; init; }

    /// <summary>The signal that asks for a graceful stop (PostgreSQL's fast shutdown is SIGINT).</summary>
    public int StopSignal { get; init; } = 15;
}
