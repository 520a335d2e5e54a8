using System.Security.Claims;
using System.Text.RegularExpressions;
using Accommodation.Identity.Api.Configuration;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Accommodation.Identity.Api.Apis;

/// <summary>
/// The OpenID Connect endpoints' application side: OpenIddict validates each request (client, redirect URI, PKCE,
/// grant type, scopes) before it gets here, and these handlers only decide who the token is for and what it says.
/// </summary>
public static partial class ConnectApi
{
    /// <summary>The token request parameter with which a load-test client names the synthetic customer it plays.</summary>
    public const string SyntheticCustomerParameter = "customer_id";

    private const string OpenIddictScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("connect").ExcludeFromDescription();
        connect.MapMethods("authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        connect.MapPost("token", ExchangeAsync);
        connect.MapMethods("logout", [HttpMethods.Get, HttpMethods.Post], LogoutAsync);
        connect.MapMethods("userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<IdentityUser> users)
    {
        if (context.GetOpenIddictServerRequest() is not { } request)
        {
            return NotAnOpenIdConnectRequest();
        }

        var login = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = login.Succeeded ? await users.GetUserAsync(login.Principal) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back to this same request after the login form, less "prompt=login" so that it does not ask again.
            var parameters = (context.Request.HasFormContentType ? (IEnumerable<KeyValuePair<string, StringValues>>)context.Request.Form : context.Request.Query)
                .Where(parameter => parameter.Key != Parameters.Prompt);
            return TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }

        var identity = await UserIdentityAsync(user, users);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(ClientCatalog.AudiencesOf(request.GetScopes()));
        identity.SetDestinations(DestinationsOf);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictScheme);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIns)
    {
        if (context.GetOpenIddictServerRequest() is not { } request)
        {
            return NotAnOpenIdConnectRequest();
        }

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has authenticated the client and checked its scope permissions already.
            if (ClientCatalog.Find(request.ClientId) is not { } client)
            {
                return Refuse(Errors.InvalidClient, "The client is not known.");
            }

            var identity = NewIdentity();
            if ((string?)request[SyntheticCustomerParameter] is { } customer)
            {
                if (!client.ActsForSyntheticCustomers || !SyntheticCustomerId().IsMatch(customer))
                {
                    return Refuse(Errors.InvalidRequest, $"{SyntheticCustomerParameter} must be '{ClientCatalog.SyntheticCustomerPrefix}' and 1 to 59 letters, digits or . _ -, for a client that plays customers.");
                }

                identity.SetClaim(Claims.Subject, customer)
                    .SetClaim(Claims.Name, customer)
                    .SetClaims(Claims.Role, [Configuration.Roles.Customer]);
            }
            else
            {
                identity.SetClaim(Claims.Subject, client.ClientId)
                    .SetClaim(Claims.Name, client.DisplayName)
                    .SetClaims(Claims.Role, [.. client.Roles]);
            }

            identity.SetScopes(request.GetScopes());
            identity.SetResources(ClientCatalog.AudiencesOf(request.GetScopes()));
            identity.SetDestinations(DestinationsOf);
            return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await context.AuthenticateAsync(OpenIddictScheme);
            var userName = granted.Principal?.GetClaim(Claims.Subject);
            var user = userName is null ? null : await users.FindByNameAsync(userName);
            // A user deleted or locked out since the code or refresh token was issued gets nothing more.
            if (granted.Principal is null || user is null || !await signIns.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
            {
                return Refuse(Errors.InvalidGrant, "The grant is no longer valid.");
            }

            // Roles are read again, so a role taken away shows at the next refresh.
            var identity = await UserIdentityAsync(user, users);
            identity.SetScopes(granted.Principal.GetScopes());
            identity.SetResources(granted.Principal.GetResources());
            identity.SetDestinations(DestinationsOf);
            return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> LogoutAsync(SignInManager<IdentityUser> signIns)
    {
        await signIns.SignOutAsync();
        // OpenIddict sends the browser to the client's registered post_logout_redirect_uri when it gave one.
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = AccountApi.SignedOutPath }, [OpenIddictScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, UserManager<IdentityUser> users)
    {
        var token = await context.AuthenticateAsync(OpenIddictScheme);
        var userName = token.Principal?.GetClaim(Claims.Subject);
        if (token.Principal is null || userName is null || await users.FindByNameAsync(userName) is not { } user)
        {
            return TypedResults.Challenge(ErrorProperties(Errors.InvalidToken, "The access token does not name a user."), [OpenIddictScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = userName };
        if (token.Principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = userName;
        }

        if (token.Principal.HasScope(Scopes.Roles))
        {
            claims[Claims.Role] = await users.GetRolesAsync(user);
        }

        return TypedResults.Ok(claims);
    }

    private static async Task<ClaimsIdentity> UserIdentityAsync(IdentityUser user, UserManager<IdentityUser> users)
    {
        var userName = user.UserName ?? throw new InvalidOperationException($"User {user.Id} has no user name.");
        var identity = NewIdentity();
        // The user name is the subject: the other services know a customer as "kim", never by an internal id.
        identity.SetClaim(Claims.Subject, userName)
            .SetClaim(Claims.Name, userName)
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        return identity;
    }

    private static ClaimsIdentity NewIdentity() =>
        new(authenticationType: OpenIddictScheme, nameType: Claims.Name, roleType: Claims.Role);

    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Subject or Claims.Role => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Name when claim.Subject?.HasScope(Scopes.Profile) == true => [Destinations.AccessToken, Destinations.IdentityToken],
        // OpenIddict's own claims (e.g. the security stamp) stay out of tokens that leave the server.
        "AspNet.Identity.SecurityStamp" => [],
        _ => [Destinations.AccessToken],
    };

    private static ForbidHttpResult Refuse(string error, string description) =>
        TypedResults.Forbid(ErrorProperties(error, description), [OpenIddictScheme]);

    private static AuthenticationProperties ErrorProperties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    private static ProblemHttpResult NotAnOpenIdConnectRequest() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an OpenID Connect request.");

    [GeneratedRegex("^" + ClientCatalog.SyntheticCustomerPrefix + "[A-Za-z0-9._-]{1,59}$")]
    private static partial Regex SyntheticCustomerId();
}
