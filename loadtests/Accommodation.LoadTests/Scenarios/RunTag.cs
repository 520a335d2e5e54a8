namespace Accommodation.LoadTests.Scenarios;

/// <summary>Five random characters that keep one run's rooms and customers apart from every other run's.</summary>
internal static class RunTag
{
    // Upper case, as room keeps room numbers; no 0/O or 1/I to misread in a report.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New() => new(Random.Shared.GetItems<char>(Alphabet, 5));
}
