using Accommodation.Messaging;

namespace Messaging.Tests.Support;

/// <summary>Records each event with the trace it runs in; fails as the event asks (see <see cref="RoomTestedIntegrationEvent"/>).</summary>
public sealed class RecordingHandler(HandledEvents handled) : IIntegrationEventHandler<RoomTestedIntegrationEvent>
{
    public Task HandleAsync(RoomTestedIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var attempt = handled.RecordAttempt(@event.Id);
        if (@event.FailHandling)
        {
            throw new InvalidOperationException($"Room {@event.RoomNumber} cannot be handled (on purpose).");
        }

        if (attempt <= @event.TransientFailures)
        {
            throw new TimeoutException($"Room {@event.RoomNumber}: the database did not answer (attempt {attempt}, on purpose).");
        }

        handled.RecordHandled(@event);
        return Task.CompletedTask;
    }
}

/// <summary>Applies a database effect through the inbox, as an EF consumer does; records what it throws.</summary>
public sealed class InboxEffectHandler(TestDbContext dbContext, HandledEvents handled)
    : IIntegrationEventHandler<RoomTestedIntegrationEvent>
{
    public const string Consumer = "effects";

    public async Task HandleAsync(RoomTestedIntegrationEvent @event, CancellationToken cancellationToken)
    {
        handled.RecordAttempt(@event.Id);
        bool applied;
        try
        {
            applied = await dbContext.ExecuteOnceAsync(@event.Id, Consumer, _ =>
            {
                dbContext.Effects.Add(new Effect(@event.Id, $"room {@event.RoomNumber} tested"));
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (Exception exception)
        {
            handled.RecordFailure(exception);
            throw;
        }

        handled.RecordHandled(@event, applied);
    }
}

/// <summary>Whether <see cref="GatedHandler"/> may handle events; a singleton per host.</summary>
public sealed class HandlingGate
{
    private volatile bool _isOpen = true;

    public bool IsOpen
    {
        get => _isOpen;
        set => _isOpen = value;
    }
}

/// <summary>Fails transiently (so its partition waits without dead-lettering) while the gate is closed.</summary>
public sealed class GatedHandler(HandlingGate gate, HandledEvents handled) : IIntegrationEventHandler<RoomTestedIntegrationEvent>
{
    public Task HandleAsync(RoomTestedIntegrationEvent @event, CancellationToken cancellationToken)
    {
        handled.RecordAttempt(@event.Id);
        if (!gate.IsOpen)
        {
            throw new TimeoutException($"Room {@event.RoomNumber}: waiting for the gate (on purpose).");
        }

        handled.RecordHandled(@event);
        return Task.CompletedTask;
    }
}
