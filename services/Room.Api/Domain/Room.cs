using Accommodation.Rooms.Api.Domain.Events;

namespace Accommodation.Rooms.Api.Domain;

/// <summary>A room a manager registered: what it is called and what a night in it costs (KRW).</summary>
public sealed class Room : AggregateRoot
{
    public const int NameMaxLength = 100;
    public const decimal MaxPricePerNight = 100_000_000m;

    private Room(RoomNumber number, RoomType type, string name, decimal pricePerNight, DateTimeOffset registeredAt)
    {
        Number = number;
        Type = type;
        Name = name;
        PricePerNight = pricePerNight;
        Version = 1;
        RegisteredAt = registeredAt;
        UpdatedAt = registeredAt;
    }

    public RoomNumber Number { get; private set; }

    public RoomType Type { get; private set; }

    public string Name { get; private set; }

    public decimal PricePerNight { get; private set; }

    /// <summary>Starts at 1 and grows by one on every change; readers use it to order events and detect lost updates.</summary>
    public int Version { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Room Register(RoomNumber number, RoomType type, string name, decimal pricePerNight, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (!Enum.IsDefined(type))
        {
            throw new RoomDomainException("type", $"A room type is one of {string.Join(", ", Enum.GetNames<RoomType>())}.");
        }

        var room = new Room(number, type, ValidName(name), ValidPrice(pricePerNight), now);
        room.Raise(new RoomRegistered(room.Number, room.Type, room.Name, room.PricePerNight, room.Version));
        return room;
    }

    /// <summary>Applies the given new name and/or price; returns false (and raises nothing) when neither differs.</summary>
    public bool Change(string? name, decimal? pricePerNight, DateTimeOffset now)
    {
        var newName = name is null ? Name : ValidName(name);
        var newPrice = pricePerNight is { } price ? ValidPrice(price) : PricePerNight;
        if (newName == Name && newPrice == PricePerNight)
        {
            return false;
        }

        Name = newName;
        PricePerNight = newPrice;
        Version++;
        UpdatedAt = now;
        Raise(new RoomChanged(Number, Type, Name, PricePerNight, Version));
        return true;
    }

    /// <summary>
    /// A manager checks out the confirmed <paramref name="stay"/> in this room: its nights from <paramref name="today"/>
    /// on are free at once, and RoomCheckedOut asks the reservation context to close the reservation.
    /// </summary>
    public void CheckOut(RoomReservation stay, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stay);
        if (stay.RoomNumber != Number || stay.Status != ReservationStatus.Confirmed || stay.CheckedOutAt is not null)
        {
            throw new InvalidOperationException($"Reservation {stay.ReservationNumber} is no confirmed stay in room {Number} to check out.");
        }

        stay.CheckOutHere(today, now);
        Version++;
        UpdatedAt = now;
        Raise(new RoomCheckedOut(Number, stay.ReservationNumber, now, Version));
    }

    /// <summary>What is wrong with <paramref name="name"/> as a room name, or null when it is fine.</summary>
    public static string? ProblemWithName(string? name)
    {
        var trimmed = name?.Trim();
        // A control character would reach every notice and page that shows the name.
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > NameMaxLength || trimmed.Any(char.IsControl)
            ? $"A room name is 1 to {NameMaxLength} characters, without control characters."
            : null;
    }

    /// <summary>What is wrong with <paramref name="pricePerNight"/> as a price per night, or null when it is fine.</summary>
    public static string? ProblemWithPricePerNight(decimal pricePerNight) =>
        pricePerNight <= 0 || pricePerNight > MaxPricePerNight ? $"A price per night is more than 0 and at most {MaxPricePerNight:N0} KRW."
        : decimal.Round(pricePerNight, 2) != pricePerNight ? "A price per night has at most 2 decimal places."
        : null;

    private static string ValidName(string? name) =>
        ProblemWithName(name) is { } problem ? throw new RoomDomainException("name", problem) : name!.Trim();

    private static decimal ValidPrice(decimal pricePerNight) =>
        ProblemWithPricePerNight(pricePerNight) is { } problem ? throw new RoomDomainException("pricePerNight", problem) : pricePerNight;
}
