using Accommodation.Dashboard.Telemetry;

namespace Accommodation.Dashboard.ConsoleLogs;

/// <summary>One line a process wrote, numbered in arrival order across every resource so a reader can ask "what came after n".</summary>
public sealed record ConsoleLine(long Number, DateTimeOffset Time, string Resource, string Source, string Text);

/// <summary>How many console lines the dashboard keeps per resource (configuration section Dashboard:ConsoleLogs).</summary>
public sealed class ConsoleLogLimits
{
    public const string SectionName = "Dashboard:ConsoleLogs";

    public int LinesPerResource { get; set; } = 5_000;
}

/// <summary>
/// Every resource's console output, bounded per resource, that pages can page through and follow live:
/// <see cref="WaitForLinesAfterAsync"/> completes as soon as a line newer than the reader's last one arrives.
/// </summary>
public sealed class ConsoleLogStore(ConsoleLogLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BoundedBuffer<ConsoleLine>> _lines = new(StringComparer.Ordinal);
    private TaskCompletionSource _nextLine = NewSignal();
    private long _lastNumber;

    public long LastNumber => Interlocked.Read(ref _lastNumber);

    /// <param name="resource">The resource the line belongs to ("roomview").</param>
    /// <param name="source">Who wrote it: the resource itself or one of its replicas ("roomview-1").</param>
    /// <param name="text">The line, without its end.</param>
    public void Add(string resource, string source, string text)
    {
        TaskCompletionSource arrived;
        lock (_lock)
        {
            if (!_lines.TryGetValue(resource, out var lines))
            {
                _lines[resource] = lines = new BoundedBuffer<ConsoleLine>(limits.LinesPerResource);
            }

            lines.Add(new ConsoleLine(++_lastNumber, DateTimeOffset.UtcNow, resource, source, text));
            arrived = _nextLine;
            _nextLine = NewSignal();
        }

        arrived.TrySetResult();
    }

    /// <summary>The resources that wrote anything, by name.</summary>
    public IReadOnlyList<string> Resources()
    {
        lock (_lock)
        {
            return [.. _lines.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// The newest <paramref name="limit"/> lines numbered after <paramref name="after"/>, oldest first, of one resource
    /// (or all) and containing <paramref name="text"/> (case-insensitive) when given.
    /// </summary>
    public IReadOnlyList<ConsoleLine> Read(string? resource, string? text, long after, int limit)
    {
        lock (_lock)
        {
            var buffers = resource is null ? _lines.Values.ToList() : _lines.TryGetValue(resource, out var one) ? [one] : [];
            var matching = buffers
                .SelectMany(buffer => buffer.Items)
                .Where(line => line.Number > after)
                .Where(line => string.IsNullOrEmpty(text) || line.Text.Contains(text, StringComparison.OrdinalIgnoreCase));
            return [.. matching.OrderByDescending(line => line.Number).Take(limit).Reverse()];
        }
    }

    /// <summary>Completes once a line numbered after <paramref name="after"/> exists (at once if one does).</summary>
    public Task WaitForLinesAfterAsync(long after, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _lastNumber > after ? Task.CompletedTask : _nextLine.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
