namespace Accommodation.Bench.Baselines;

/// <summary>The reference points the system's own figures are read against, all measured in one run on one machine.</summary>
/// <param name="Minimal">GET / of a minimal Kestrel endpoint.</param>
/// <param name="MinimalViaYarp">The same, through one YARP hop.</param>
/// <param name="Insert">POST /insert: one single-row PostgreSQL INSERT per request.</param>
/// <param name="InsertViaYarp">The same, through one YARP hop.</param>
/// <param name="PostgresInsertsPerSecond">pgbench running that INSERT: PostgreSQL alone.</param>
public sealed record BaselineFigures(
    WrkResult Minimal, WrkResult MinimalViaYarp, WrkResult Insert, WrkResult InsertViaYarp, double PostgresInsertsPerSecond);
