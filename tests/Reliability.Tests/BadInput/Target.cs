namespace Reliability.Tests.BadInput;

/// <summary>
/// What the bad input aims at: a real room, a real confirmed (so never expiring) reservation of a real customer, the
/// hotel's today, and the ids that exist, so a generated "unknown" id is certainly unknown.
/// </summary>
internal sealed record Target(
    string Room,
    string Reservation,
    string Customer,
    Guid Payment,
    DateOnly Today,
    IReadOnlySet<string> Rooms,
    IReadOnlySet<Guid> Payments,
    IReadOnlySet<Guid> Notices);
