using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Accommodation.Testing;

/// <summary>
/// Reads an observable instrument of one host's meters on demand, as a metrics exporter's collection does. Only that
/// host's: the meters of other tests' hosts, running in parallel, have the same names.
/// </summary>
public sealed class GaugeReader<T> : IDisposable
    where T : struct
{
    private readonly MeterListener _listener = new();
    private readonly Lock _readLock = new();
    private readonly ConcurrentQueue<(T Value, KeyValuePair<string, object?>[] Attributes)> _measured = new();

    public GaugeReader(IServiceProvider services, string meterName, string instrumentName)
    {
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<T>((_, value, attributes, _) => _measured.Enqueue((value, attributes.ToArray())));
        _listener.Start();
    }

    /// <summary>The values the instrument reports now for the series carrying <paramref name="attributes"/>.</summary>
    public IReadOnlyList<T> Read(params (string Key, object? Value)[] attributes)
    {
        lock (_readLock)
        {
            _measured.Clear();
            _listener.RecordObservableInstruments();
            return [.. _measured
                .Where(measurement => attributes.All(expected =>
                    measurement.Attributes.Any(actual => actual.Key == expected.Key && Equals(actual.Value, expected.Value))))
                .Select(measurement => measurement.Value)];
        }
    }

    public void Dispose() => _listener.Dispose();
}
