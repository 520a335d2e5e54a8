namespace Microsoft.Extensions.Hosting;

// Names shared by the code that emits telemetry and the exporter set-up that listens for it.
public static class TelemetryNames
{
    public const string Messaging = "Accommodation.Messaging";
    public const string Migrations = "Accommodation.Migrations";
    public const string Resilience = "Accommodation.Resilience";
}
