namespace Accommodation.Dashboard.Telemetry;

/// <summary>How much the dashboard keeps per service (configuration section Dashboard:Telemetry); the oldest goes first.</summary>
public sealed class TelemetryLimits
{
    public const string SectionName = "Dashboard:Telemetry";

    public int SpansPerService { get; set; } = 10_000;

    public int LogsPerService { get; set; } = 10_000;

    public int MetricPointsPerService { get; set; } = 20_000;
}
