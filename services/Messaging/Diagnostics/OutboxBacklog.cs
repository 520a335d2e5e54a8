using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Accommodation.Messaging;

/// <summary>
/// The gauge <c>messaging.outbox.pending.messages</c> of meter <see cref="MessagingTelemetry.Name"/>: the outbox rows not
/// yet delivered to Kafka, per DbContext, as <see cref="OutboxBacklogCounter{TDbContext}"/> last counted them.
/// </summary>
internal sealed class OutboxBacklog
{
    private readonly ConcurrentDictionary<string, long> _pending = new();

    public OutboxBacklog(IMeterFactory meterFactory) =>
        meterFactory.Create(MessagingTelemetry.Name).CreateObservableGauge("messaging.outbox.pending.messages", Observe, "{message}",
            "Outbox messages not yet delivered to Kafka, as last counted.");

    public void Record(string dbContext, long pending) => _pending[dbContext] = pending;

    // Nothing until a first count: an unknown backlog is not an empty one.
    private IEnumerable<Measurement<long>> Observe() =>
        _pending.Select(entry => new Measurement<long>(entry.Value,
            new KeyValuePair<string, object?>("messaging.outbox.db_context", entry.Key)));
}
