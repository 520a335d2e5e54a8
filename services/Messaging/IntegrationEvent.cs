namespace Accommodation.Messaging;

/// <summary>A fact one service tells the others; its simple type name is its name on the wire.</summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
