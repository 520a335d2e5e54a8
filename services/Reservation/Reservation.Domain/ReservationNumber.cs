using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Accommodation.Reservations.Domain;

/// <summary>A reservation's number, <c>R-yyyyMMdd-XXXXXX</c>: the day it was placed and six random characters.</summary>
public sealed partial record ReservationNumber
{
    public const int Length = 17;
    public const string Rule = "A reservation number looks like R-20261224-7F3K9Q.";

    // Crockford's base32: no I, L, O or U, so a number read aloud or retyped is not misread.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private ReservationNumber(string value) => Value = value;

    public string Value { get; }

    public static ReservationNumber New(DateOnly placedOn) =>
        new($"R-{placedOn:yyyyMMdd}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6))}");

    public static ReservationNumber Parse(string? value)
    {
        var upper = value?.Trim().ToUpperInvariant();
        if (upper is null || !Shape().IsMatch(upper)
            || !DateOnly.TryParseExact(upper.AsSpan(2, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ReservationDomainException("number", Rule);
        }

        return new ReservationNumber(upper);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^R-[0-9]{8}-[0-9A-HJKMNP-TV-Z]{6}$")]
    private static partial Regex Shape();
}
