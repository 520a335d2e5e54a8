using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Accommodation.WebApp.Security;

/// <summary>
/// Users sign in with identity (authorization code + PKCE, as the public client <c>web</c>); a cookie keeps them signed
/// in, and their tokens stay in <see cref="UserSessions"/> on the server.
/// </summary>
public static class WebAuthentication
{
    public const string ClientId = "web";

    /// <summary>What the app asks for: the user, their roles, a refresh token, and every API a customer uses.</summary>
    public static readonly string[] Scopes = ["openid", "profile", "roles", "offline_access", "reservations", "rooms", "payments", "notices"];

    public static void AddWebAuthentication(this WebApplicationBuilder builder)
    {
        var metadataAddress = ServiceAuthentication.IdentityMetadataAddress(builder.Configuration)
            ?? throw new InvalidOperationException($"Where identity is: set {ServiceAuthentication.MetadataAddressKey} or services:identity:http:0.");
        var requireHttps = builder.Configuration.GetValue("Identity:RequireHttpsMetadata", !builder.Environment.IsDevelopment());

        builder.Services.AddSingleton<UserSessions>();
        builder.Services.AddScoped<UserAccessToken>();
        builder.Services.AddHttpClient(nameof(UserAccessToken));
        builder.Services.AddCascadingAuthenticationState();

        // Cookies and antiforgery tokens outlive a restart, and every replica reads them, when the keys are kept in one place.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("accommodation-web");
        if (builder.Configuration["WebApp:KeysDirectory"] is { Length: > 0 } keysDirectory)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        }

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "accommodation.signin";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = UserSessions.Lifetime;
                options.SlidingExpiration = false;
                options.AccessDeniedPath = "/access-denied";
                // A cookie whose session this process no longer knows (a restart) signs the user out, so they sign in afresh.
                options.Events.OnValidatePrincipal = context =>
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
                    if (context.Principal?.SessionId() is not { } sessionId || sessions.Find(sessionId) is null)
                    {
                        context.RejectPrincipal();
                        return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }

                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(options =>
            {
                options.ClientId = ClientId;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                // The code comes back on a plain redirect: identity's pages run no script (its CSP), so no form_post. The
                // round-trip cookies are Lax, which a browser keeps over http too (SameSite=None needs https).
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.Scope.Clear();
                foreach (var scope in Scopes)
                {
                    options.Scope.Add(scope);
                }

                // Claims keep identity's names (sub, name, role); tokens go to the server-side session, not the cookie.
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = WebClaims.Name;
                options.TokenValidationParameters.RoleClaimType = AccessClaims.Role;
                options.SaveTokens = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.RequireHttpsMetadata = requireHttps;
                options.MetadataAddress = metadataAddress.ToString();
                // The discovery document names public URLs; the server talks to identity inside the network.
                options.ConfigurationManager = IdentityMetadataRetriever.ConfigurationManager(metadataAddress, requireHttps);
                options.Events.OnTokenValidated = StartSession;
                // Identity's sign-in page speaks the language the user chose here (OpenID Connect's ui_locales).
                options.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.UiLocales = CultureInfo.CurrentUICulture.Name;
                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    // Identity signs the user out without asking when it knows whose session this was.
                    if (context.HttpContext.Items[nameof(SessionTokens)] is SessionTokens { IdentityToken: { } identityToken })
                    {
                        context.ProtocolMessage.IdTokenHint = identityToken;
                    }

                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
    }

    /// <summary>Sign-in (a challenge that comes back to <c>returnUrl</c>) and sign-out.</summary>
    public static void MapSignInEndpoints(this WebApplication app)
    {
        app.MapGet("/signin", (string? returnUrl) =>
            TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }));

        // A form post with an antiforgery token: a link from elsewhere cannot sign a user out.
        app.MapPost("/signout", (HttpContext context, UserSessions sessions) =>
        {
            if (context.User.SessionId() is { } sessionId)
            {
                context.Items[nameof(SessionTokens)] = sessions.Find(sessionId);
                sessions.End(sessionId);
            }

            return TypedResults.SignOut(
                new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        }).RequireAuthorization();
    }

    /// <summary>Only a path of this site: a crafted link cannot send the user elsewhere after signing in.</summary>
    public static string LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static Task StartSession(TokenValidatedContext context)
    {
        var response = context.TokenEndpointResponse ?? throw new InvalidOperationException("The code flow always has a token response.");
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var expiresIn = int.TryParse(response.ExpiresIn, out var seconds) ? seconds : 0;
        var sessionId = context.HttpContext.RequestServices.GetRequiredService<UserSessions>().Start(new SessionTokens(
            response.AccessToken, clock.GetUtcNow().AddSeconds(expiresIn), response.RefreshToken, response.IdToken));
        ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim(WebClaims.Session, sessionId));
        return Task.CompletedTask;
    }
}
