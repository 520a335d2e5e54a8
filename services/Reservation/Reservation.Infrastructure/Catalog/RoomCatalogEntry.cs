namespace Accommodation.Reservations.Infrastructure.Catalog;

/// <summary>One room as the latest room event we applied described it; <see cref="Version"/> is the room's own version.</summary>
public sealed record RoomCatalogEntry(string Number, string Type, string Name, decimal PricePerNight, int Version, DateTimeOffset UpdatedAt);
