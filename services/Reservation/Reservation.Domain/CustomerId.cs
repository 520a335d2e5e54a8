using System.Text.RegularExpressions;

namespace Accommodation.Reservations.Domain;

/// <summary>Who reserves: the customer's id as the front end knows it (e.g. <c>9805</c> or <c>kim.minji</c>).</summary>
public sealed partial record CustomerId
{
    public const int MaxLength = 64;
    public const string Pattern = "^[A-Za-z0-9._@-]{1,64}$";
    public const string Rule = "A customer id is 1 to 64 letters, digits or . _ @ -.";

    private CustomerId(string value) => Value = value;

    public string Value { get; }

    public static CustomerId Parse(string? value) =>
        value is not null && ValidId().Match(value) is { Success: true } match && match.Length == value.Length
            ? new CustomerId(value)
            : throw new ReservationDomainException("customerId", Rule);

    public override string ToString() => Value;

    // $ also matches before a final newline, so callers check that the match is the whole value (as [RegularExpression] does).
    [GeneratedRegex(Pattern)]
    private static partial Regex ValidId();
}
