using System.Collections.Concurrent;
using System.Diagnostics;
using Accommodation.Messaging;

namespace Messaging.Tests.Support;

/// <summary>What the test handlers saw; a singleton per host so a test can wait on it.</summary>
public sealed class HandledEvents
{
    private readonly ConcurrentQueue<HandledEvent> _handled = new();
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();

    public IReadOnlyList<HandledEvent> All => [.. _handled];

    public int AttemptsOf(Guid eventId) => _attempts.GetValueOrDefault(eventId);

    public void RecordAttempt(Guid eventId) => _attempts.AddOrUpdate(eventId, 1, (_, attempts) => attempts + 1);

    public void RecordHandled(IntegrationEvent @event, bool effectApplied = true) =>
        _handled.Enqueue(new HandledEvent(@event, Activity.Current?.TraceId, effectApplied));

    public bool Contains(Guid eventId) => _handled.Any(h => h.Event.Id == eventId);
}

public sealed record HandledEvent(IntegrationEvent Event, ActivityTraceId? TraceId, bool EffectApplied);
