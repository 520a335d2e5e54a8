namespace Accommodation.Payments.Api.Domain;

/// <summary>Something that happened to an aggregate, recorded with the state it produced.</summary>
public interface IDomainEvent;
