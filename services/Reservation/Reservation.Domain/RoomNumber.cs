using System.Text.RegularExpressions;

namespace Accommodation.Reservations.Domain;

/// <summary>The room's number as the room context gives it (<c>101</c>, <c>A-12</c>); upper-case so lookups ignore case.</summary>
public sealed partial record RoomNumber
{
    public const int MaxLength = 10;
    public const string Pattern = "^[A-Za-z0-9-]{1,10}$";
    public const string Rule = "A room number is 1 to 10 letters, digits or hyphens.";

    private RoomNumber(string value) => Value = value;

    public string Value { get; }

    public static RoomNumber Parse(string? value, string field = "roomNumber") =>
        value is not null && ValidNumber().Match(value) is { Success: true } match && match.Length == value.Length
            ? new RoomNumber(value.ToUpperInvariant())
            : throw new ReservationDomainException(field, Rule);

    public override string ToString() => Value;

    // $ also matches before a final newline, so callers check that the match is the whole value (as [RegularExpression] does).
    [GeneratedRegex(Pattern)]
    private static partial Regex ValidNumber();
}
