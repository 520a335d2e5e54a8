using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;

namespace Reliability.Tests.BadInput;

/// <summary>
/// Field values as the services' rules define them: valid ones, and ones each rule certainly refuses. A bad value is
/// bad by construction, never by chance, so no generated request can turn out valid.
/// </summary>
internal static partial class Values
{
    public const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string RoomNumberChars = Letters + Digits + "-";
    public const string CustomerIdChars = Letters + Digits + "._@-";
    public const int RoomNumberMaxLength = 10;
    public const int CustomerIdMaxLength = 64;

    // Crockford's base32, as reservation numbers use it.
    public const string ReservationCodeChars = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int ReservationNumberLength = 17;

    // Characters none of our ids allows: separators, quotes, escapes, control characters, non-ASCII and invisible ones.
    private static readonly string[] ForbiddenInIds =
    [
        " ", "\t", "\u0001", "\u001b", "\u007f", "\n", "/", "\\", "?", "#", "%", "&", "=", "+", "\"", "'", "<", ">", "{", "}", "*",
        ",", ";", ":", "é", "예", "😀", "\u200b", "\ufeff", "\u0301",
    ];

    // Letters that spell no month, weekday or word a date parser knows.
    private static readonly Gen<string> Gibberish = Gen.String[Gen.Char["qxzjkvw"], 1, 12];

    /// <summary>
    /// A string the id rule "1 to <paramref name="maxLength"/> of <paramref name="allowed"/>" refuses: too long, with a
    /// forbidden character, or a valid id with a newline after it (which a pattern ending in $ alone lets through).
    /// </summary>
    public static Gen<string> BadId(string allowed, int maxLength) => Gen.Frequency(
        (2, Gen.String[Gen.Char[allowed], maxLength + 1, maxLength + 30]),
        (1, Gen.String[Gen.Char[allowed], 1000, 3000]),
        (1, ValidId(allowed, maxLength).Select(id => id + "\n")),
        (5, from prefix in Gen.String[Gen.Char[allowed], 0, 5]
            from forbidden in Gen.OneOf(ForbiddenInIds)
            from suffix in Gen.String[Gen.Char[allowed], 0, 5]
            select prefix + forbidden + suffix));

    public static Gen<string> ValidId(string allowed, int maxLength) => Gen.String[Gen.Char[allowed], 1, maxLength];

    public static readonly Gen<string> BadRoomNumber = BadId(RoomNumberChars, RoomNumberMaxLength);

    public static readonly Gen<string> BadCustomerId = BadId(CustomerIdChars, CustomerIdMaxLength);

    /// <summary>Refused by the loosest customer id rule (payment's: 1 to 100 characters, not blank, no control characters).</summary>
    public static readonly Gen<string> BadAnyCustomerId = Gen.OneOf(
        Gen.OneOf("", " ", "\t", "\u3000 "),
        Gen.String[Gen.Char[Letters], 101, 500],
        from id in ValidId(CustomerIdChars, 20) from control in Gen.Char['\0', '\u001f'] select id + control);

    /// <summary>A well-formed room number no room has (<paramref name="known"/> holds them upper-case).</summary>
    public static Gen<string> UnknownRoomNumber(IReadOnlySet<string> known) =>
        ValidId(RoomNumberChars, RoomNumberMaxLength).Where(number => !known.Contains(number.ToUpperInvariant()));

    /// <summary>Well-formed, and placed on a day long before this system ran, so no reservation has it.</summary>
    public static readonly Gen<string> UnknownReservationNumber =
        from code in Gen.String[Gen.Char[ReservationCodeChars], 6, 6]
        select $"R-20000101-{code}";

    /// <summary>A reservation number its rule (<c>R-yyyyMMdd-XXXXXX</c>, a real date, Crockford's letters) refuses.</summary>
    public static Gen<string> BadReservationNumber(string real) => Gen.OneOf(
        // The real one, cut short or made longer.
        from length in Gen.Int[1, real.Length - 1] select real[..length],
        from extra in Gen.String[Gen.Char[RoomNumberChars], 1, 5] select real + extra,
        // The real one with a character no position allows (I, L, O and U are not Crockford's; the rest are never valid).
        from position in Gen.Int[0, real.Length - 1]
        from wrong in Gen.Char["ILOUilou_!.*é"]
        select real[..position] + wrong + real[(position + 1)..],
        // Right shape, impossible day.
        from day in Gen.OneOf("20261324", "20260230", "00000000", "20261200", "99999999")
        from code in Gen.String[Gen.Char[ReservationCodeChars], 6, 6]
        select $"R-{day}-{code}",
        BadId(RoomNumberChars, ReservationNumberLength))
        // Numbers are read trimmed and upper-cased: what reads as a well-formed number is not bad.
        .Where(number => !ReservationNumberShape().IsMatch(number.Trim().ToUpperInvariant()));

    // ISO dates (yyyy-MM-dd) that are no day at all, and words: neither strict nor lenient parsing reads a date in them.
    public static readonly Gen<string> MalformedDate = Gen.OneOf(
        Gen.OneOf("2026-13-01", "2026-00-10", "2026-02-30", "2027-12-32", "0000-01-01", "10000-01-01", "24/12/2026", "20261224", "2026-12-xx"),
        from year in Gen.Int[2000, 2100] from month in Gen.Int[13, 99] from day in Gen.Int[1, 28] select Iso(year, month, day),
        from year in Gen.Int[2000, 2100] from month in Gen.Int[1, 12] from day in Gen.Int[32, 99] select Iso(year, month, day),
        Gibberish);

    /// <summary>Any JSON value that is not of the field's type, for a field that holds a string.</summary>
    public static readonly Gen<string> NotAString = Gen.OneOf(
        Gen.Int.Select(number => number.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("true", "false", "{}", "[]", """["a"]""", """{"value":"a"}""", "1.5"));

    /// <summary>Any JSON value that is not a number, for a field that holds one (numbers as text too: handling is strict).</summary>
    public static readonly Gen<string> NotANumber = Gen.OneOf(
        Gen.Int[1, 1000].Select(number => Json($"{number}")),
        Gen.OneOf("true", "false", "{}", "[]", "[1]", "\"\"", "\"one\""));

    /// <summary>A decimal amount its rule "more than 0, at most <paramref name="max"/>, two decimals at most" refuses.</summary>
    public static Gen<string> BadAmount(decimal max) => Gen.OneOf(
        Gen.OneOf("0", "-0", "0.00", "-0.01", "1e400", "-1e400", "79228162514264337593543950336", "1" + new string('0', 40)),
        Gen.Long[1, 1_000_000_000_000].Select(amount => $"-{amount}"),
        Gen.Long[(long)max + 1, 999_999_999_999_999].Select(amount => amount.ToString(CultureInfo.InvariantCulture)),
        // A third decimal that is not 0 cannot be rounded away.
        from whole in Gen.Long[0, (long)max - 1]
        from cents in Gen.Int[0, 99]
        from third in Gen.Int[1, 9]
        select string.Create(CultureInfo.InvariantCulture, $"{whole}.{cents:D2}{third}"),
        NotANumber);

    public static Gen<string> ValidAmount(decimal max) =>
        from whole in Gen.Long[1, (long)max - 1]
        from cents in Gen.Int[0, 99]
        select string.Create(CultureInfo.InvariantCulture, $"{whole}.{cents:D2}");

    /// <summary>Not a 32-bit integer at all: fractions, words, and numbers past its range.</summary>
    public static readonly Gen<string> NotAnInt = Gen.OneOf(
        Gen.OneOf("1.5", "x", "one", "0x10", "1,2", "99999999999999999999", "-"),
        Gen.Long[(long)int.MaxValue + 1, long.MaxValue].Select(number => number.ToString(CultureInfo.InvariantCulture)),
        Gibberish);

    /// <summary>Ints within range of the type but outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Gen<string> IntOutside(int min, int max) =>
        Gen.OneOf(Gen.Int[int.MinValue, min - 1], Gen.Int[max + 1, int.MaxValue]).Select(number => number.ToString(CultureInfo.InvariantCulture));

    /// <summary>A JSON value a 32-bit integer field cannot hold: out of range, a fraction, or not a number.</summary>
    public static readonly Gen<string> NotAnIntInJson = Gen.OneOf(
        Gen.Long[(long)int.MaxValue + 1, long.MaxValue].Select(number => number.ToString(CultureInfo.InvariantCulture)),
        Gen.Long[long.MinValue, (long)int.MinValue - 1].Select(number => number.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("1.5", "\"1\"", "true", "{}", "[]", "1e10"));

    /// <summary>Not a GUID in any format .NET reads: hex of the wrong length, or letters hex does not have.</summary>
    public static readonly Gen<string> BadGuid = Gen.OneOf(
        Gen.String[Gen.Char["0123456789abcdef"], 1, 31],
        Gen.String[Gen.Char["0123456789abcdef"], 33, 60],
        from prefix in Gen.String[Gen.Char["0123456789abcdef-"], 0, 20]
        from wrong in Gen.Char["ghijklmnopqrstuvwyz_ é"]
        from suffix in Gen.String[Gen.Char["0123456789abcdef-"], 0, 20]
        select prefix + wrong + suffix);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A JSON string literal, escaped as a serializer writes it.</summary>
    public static string Json(string value) => JsonSerializer.Serialize(value);

    [GeneratedRegex(@"^R-[0-9]{8}-[0-9A-HJKMNP-TV-Z]{6}\z")]
    private static partial Regex ReservationNumberShape();

    private static string Iso(int year, int month, int day) => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");
}
