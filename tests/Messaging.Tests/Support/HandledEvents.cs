using System.Collections.Concurrent;
using System.Diagnostics;
using Accommodation.Messaging;

namespace Messaging.Tests.Support;

/// <summary>What the test handlers saw; a singleton per host so a test can wait on it.</summary>
public sealed class HandledEvents
{
    private readonly ConcurrentQueue<HandledEvent> _handled = new();
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();
    private readonly ConcurrentQueue<Guid> _attemptOrder = new();
    private readonly ConcurrentQueue<Exception> _failures = new();

    public IReadOnlyList<HandledEvent> All => [.. _handled];

    /// <summary>Every attempt at handling, in the order they started.</summary>
    public IReadOnlyList<Guid> AttemptOrder => [.. _attemptOrder];

    /// <summary>What the handlers threw, in order.</summary>
    public IReadOnlyList<Exception> Failures => [.. _failures];

    public int AttemptsOf(Guid eventId) => _attempts.GetValueOrDefault(eventId);

    public int RecordAttempt(Guid eventId)
    {
        _attemptOrder.Enqueue(eventId);
        return _attempts.AddOrUpdate(eventId, 1, (_, attempts) => attempts + 1);
    }

    public void RecordFailure(Exception exception) => _failures.Enqueue(exception);

    public void RecordHandled(IntegrationEvent @event, bool effectApplied = true) =>
        _handled.Enqueue(new HandledEvent(@event, Activity.Current?.TraceId, effectApplied));

    public bool Contains(Guid eventId) => _handled.Any(h => h.Event.Id == eventId);
}

public sealed record HandledEvent(IntegrationEvent Event, ActivityTraceId? TraceId, bool EffectApplied);
