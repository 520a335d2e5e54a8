using System.Security.Claims;

namespace Accommodation.WebApp.Security;

/// <summary>
/// The web app's own claims: the display name from identity's ID token, and the web session's id. Subject and role
/// keep identity's names, as in every service (<see cref="AccessClaims"/>: CustomerId(), IsManager()).
/// </summary>
public static class WebClaims
{
    public const string Name = "name";

    /// <summary>The id of the user's <see cref="UserSessions"/> entry, where their tokens are.</summary>
    public const string Session = "web_session";

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(Session);
}
