namespace Accommodation.Bench.Baselines;

/// <summary>How long and how hard the baselines are measured.</summary>
public sealed record BaselineSettings
{
    /// <summary>Per measurement: each wrk run and the pgbench run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A wrk run before each measured one, not counted: the JIT's tiers settle, connection pools fill. Zero: none.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>wrk's connections (-c).</summary>
    public int Connections { get; init; } = 64;

    /// <summary>wrk's threads (-t).</summary>
    public int WrkThreads { get; init; } = 2;

    /// <summary>pgbench's clients (-c).</summary>
    public int PgBenchClients { get; init; } = 8;

    /// <summary>
    /// The built Accommodation.Bench.Baselines.dll to run. Null: build loadtests/Accommodation.Bench.Baselines
    /// (found above the current folder or this program) in Release, and run that.
    /// </summary>
    public string? BaselinesAssembly { get; init; }
}
