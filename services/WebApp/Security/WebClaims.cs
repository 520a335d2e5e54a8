using System.Security.Claims;

namespace Accommodation.WebApp.Security;

/// <summary>The claims of a signed-in user as identity's ID token names them, plus the web session's id.</summary>
public static class WebClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>The id of the user's <see cref="UserSessions"/> entry, where their tokens are.</summary>
    public const string Session = "web_session";

    /// <summary>The customer id the APIs know this user by: the subject.</summary>
    public static string? CustomerId(this ClaimsPrincipal user) => user.FindFirstValue(Subject);

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(Session);

    public static bool IsManager(this ClaimsPrincipal user) => user.IsInRole(AccessPolicies.Manager);
}
