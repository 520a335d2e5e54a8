using System.Security.Claims;
using Accommodation.Reservations.Domain;

namespace Accommodation.Reservations.Api.Application;

/// <summary>
/// Who asks, as the use cases need to know it: the token's subject and whether it plays the customer or the manager.
/// A customer reaches their own reservations only; a manager reaches anyone's.
/// </summary>
public sealed record Caller(string Id, bool IsCustomer, bool IsManager)
{
    public static Caller From(ClaimsPrincipal user) =>
        new(user.CustomerId(), user.IsInRole(AccessPolicies.Customer), user.IsManager());

    /// <summary>The caller is the customer who placed <paramref name="reservation"/>.</summary>
    public bool Owns(Reservation reservation) => IsCustomer && string.Equals(reservation.CustomerId.Value, Id, StringComparison.Ordinal);

    /// <summary>May read or cancel <paramref name="reservation"/>: its customer or a manager.</summary>
    public bool MayAccess(Reservation reservation) => IsManager || Owns(reservation);

    /// <summary>May list <paramref name="customerId"/>'s reservations: that customer or a manager.</summary>
    public bool MayActFor(string customerId) => IsManager || (IsCustomer && string.Equals(customerId, Id, StringComparison.Ordinal));
}
