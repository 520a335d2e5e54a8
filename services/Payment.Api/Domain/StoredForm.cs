namespace Accommodation.Payments.Api.Domain;

/// <summary>
/// Values in the form the database gives them back, so the answer to a request equals every later read of it:
/// instants to the microsecond (PostgreSQL's precision), amounts without trailing zeros (240000, not 240000.00).
/// </summary>
public static class StoredForm
{
    public static DateTimeOffset Instant(DateTimeOffset instant) =>
        instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMicrosecond));

    // Dividing by 1 with 28 zeros leaves the value and the smallest scale that holds it.
    public static decimal Amount(decimal amount) => amount / 1.0000000000000000000000000000m;
}
