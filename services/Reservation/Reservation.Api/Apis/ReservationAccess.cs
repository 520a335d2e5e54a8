using Microsoft.AspNetCore.Authorization;

namespace Accommodation.Reservations.Api.Apis;

/// <summary>
/// Who may call what, for the REST and the gRPC adapter alike. The roles only open the door: which reservations a
/// caller reaches (a customer their own, a manager anyone's) the use cases decide, see <see cref="Application.Caller"/>.
/// </summary>
internal static class ReservationAccess
{
    /// <summary>Reads and cancels: a customer (their own reservations) or a manager (anyone's).</summary>
    public static readonly IAuthorizeData CustomerOrManager = new AuthorizeAttribute { Roles = $"{AccessPolicies.Customer},{AccessPolicies.Manager}" };

    /// <summary>Reserving and paying: only a customer, for themselves.</summary>
    public static readonly IAuthorizeData Customer = new AuthorizeAttribute(AccessPolicies.Customer);

    /// <summary>Checking a stay out.</summary>
    public static readonly IAuthorizeData Manager = new AuthorizeAttribute(AccessPolicies.Manager);
}
