namespace Accommodation.Reservations.Domain;

/// <summary>Something that happened to an aggregate, recorded with the state it produced.</summary>
public interface IDomainEvent;
