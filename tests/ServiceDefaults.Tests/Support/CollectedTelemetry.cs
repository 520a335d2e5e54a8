using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ServiceDefaults.Tests.Support;

/// <summary>Spans the app's TracerProvider finished, as an exporter would receive them.</summary>
internal sealed class CollectedActivities : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();

    public IReadOnlyList<Activity> Ended => [.. _ended];

    public override void OnEnd(Activity data) => _ended.Enqueue(data);
}

/// <summary>Names of the metrics the app's MeterProvider exported.</summary>
internal sealed class CollectedMetrics : BaseExporter<Metric>
{
    private readonly ConcurrentDictionary<string, string> _meterOfMetric = new();

    public IReadOnlyDictionary<string, string> MeterOfMetric => _meterOfMetric;

    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            _meterOfMetric[metric.Name] = metric.MeterName;
        }

        return ExportResult.Success;
    }
}
