using System.Text.RegularExpressions;

namespace Accommodation.Rooms.Api.Domain;

/// <summary>The number a manager gives a room, such as <c>101</c> or <c>A-12</c>; stored upper-case so lookups ignore case.</summary>
public sealed partial record RoomNumber
{
    public const int MaxLength = 10;
    public const string Pattern = "^[A-Za-z0-9-]{1,10}$";
    public const string Rule = "A room number is 1 to 10 letters, digits or hyphens.";

    private RoomNumber(string value) => Value = value;

    public string Value { get; }

    public static RoomNumber Parse(string? value)
    {
        if (value is null || ValidNumber().Match(value) is not { Success: true } match || match.Length != value.Length)
        {
            throw new RoomDomainException("number", Rule);
        }

        return new RoomNumber(value.ToUpperInvariant());
    }

    public override string ToString() => Value;

    // $ also matches before a final newline, so callers check that the match is the whole value (as [RegularExpression] does).
    [GeneratedRegex(Pattern)]
    private static partial Regex ValidNumber();
}
