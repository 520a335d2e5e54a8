using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Accommodation.LoadTests.Reporting;

/// <summary>Writes a report to <c>&lt;results&gt;/&lt;scenario&gt;-&lt;yyyyMMdd-HHmmss&gt;/</c>: report.md, results.json and the PNG charts.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable as written: "5 rooms × 14 nights", not "\u00D7". The file is data, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes the report into a new folder under <paramref name="resultsDirectory"/> and returns that folder.</summary>
    public static async Task<string> WriteAsync(LoadReport report, string resultsDirectory, CancellationToken cancellationToken = default)
    {
        var stamp = report.StartedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var directory = Path.Combine(resultsDirectory, $"{report.Scenario}-{stamp}");
        for (var attempt = 2; Directory.Exists(directory); attempt++)
        {
            directory = Path.Combine(resultsDirectory, $"{report.Scenario}-{stamp}-{attempt}");
        }

        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "results.json"), JsonSerializer.Serialize(report, Json), cancellationToken);
        var charts = ReportCharts.Draw(report, directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), MarkdownReport.Render(report, charts), cancellationToken);
        return directory;
    }

    public static LoadReport Read(string resultsJson) =>
        JsonSerializer.Deserialize<LoadReport>(resultsJson, Json) ?? throw new JsonException("results.json holds no report.");
}
