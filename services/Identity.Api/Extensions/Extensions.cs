using Accommodation.Identity.Api.Apis;
using Accommodation.Identity.Api.Configuration;
using Accommodation.Identity.Api.Data;
using Accommodation.Identity.Api.Keys;
using Accommodation.Identity.Api.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Accommodation.Identity.Api.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<AccountsDbContext>("identitydb");
        // Hosted services start in order: the schema first, then the roles, clients and demo users in it.
        builder.Services.AddDatabaseMigration<AccountsDbContext>();
        builder.Services.AddHostedService<IdentitySeeder>();

        var section = builder.Configuration.GetSection(IdentityServiceOptions.SectionName);
        builder.Services.AddOptions<IdentityServiceOptions>()
            .Bind(section)
            .Validate(options => options.DemoUsers.Values.All(user => Roles.All.Contains(user.Role)), "Identity:DemoUsers roles are customer or manager.")
            .ValidateOnStart();
        var settings = section.Get<IdentityServiceOptions>() ?? new IdentityServiceOptions();

        builder.AddUsers(settings);
        builder.AddAuthorizationServer(settings);
        builder.Services.AddAntiforgery();
    }

    private static void AddUsers(this IHostApplicationBuilder builder, IdentityServiceOptions settings)
    {
        builder.Services.AddIdentity<IdentityUser, IdentityRole>(identity =>
            {
                identity.Password.RequiredLength = 10;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                identity.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddUserValidator<ReservedUserNames>()
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = AccountApi.LoginPath;
            cookie.Cookie.Name = "accommodation.identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = settings.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        // The login cookie and antiforgery tokens must read on every replica and after a restart.
        builder.Services.AddDataProtection()
            .SetApplicationName("accommodation-identity")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(
                KeyCertificates.DirectoryOf(settings.Keys, builder.Environment.ContentRootPath), "data-protection")));
    }

    private static void AddAuthorizationServer(this IHostApplicationBuilder builder, IdentityServiceOptions settings)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AccountsDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetUserInfoEndpointUris("connect/userinfo");

                // No password grant and no implicit flow: they are simply not enabled.
                server.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                // S256 only: a "plain" challenge gives a stolen code away.
                server.Configure(options =>
                {
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });

                server.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess,
                    .. ClientCatalog.ApiScopes.Select(scope => scope.Name)]);
                server.RegisterClaims([Claims.Subject, Claims.Name, Claims.Role, Claims.Scope, Claims.Audience]);

                server.SetAccessTokenLifetime(settings.Tokens.AccessToken)
                    .SetIdentityTokenLifetime(settings.Tokens.IdentityToken)
                    .SetAuthorizationCodeLifetime(settings.Tokens.AuthorizationCode)
                    .SetRefreshTokenLifetime(settings.Tokens.RefreshToken);

                if (settings.Issuer is { } issuer)
                {
                    server.SetIssuer(issuer);
                }

                server.AddSigningCertificate(KeyCertificates.Signing(settings.Keys, contentRoot))
                    .AddEncryptionCertificate(KeyCertificates.Encryption(settings.Keys, contentRoot));
                // Plain signed JWTs, so every service validates them with the standard JwtBearer handler and the JWKS.
                server.DisableAccessTokenEncryption();

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                if (!settings.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<IValidateOptions<IdentityServiceOptions>, ClientSettingsValidation>();
    }
}

internal static class SecurityHeaders
{
    /// <summary>The login page must not be framed (clickjacking) and no page or token response may be cached or leak its URL.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    });
}

/// <summary>Refuses a start with client URIs that could never match a request, instead of failing every login later.</summary>
internal sealed class ClientSettingsValidation : IValidateOptions<IdentityServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityServiceOptions options)
    {
        var unknown = options.Clients.Keys.Where(clientId => ClientCatalog.Find(clientId) is null).ToList();
        var relative = options.Clients.Values.SelectMany(client => client.RedirectUris.Concat(client.PostLogoutRedirectUris))
            .Where(uri => !uri.IsAbsoluteUri).ToList();
        var failures = new List<string>();
        if (unknown.Count > 0)
        {
            failures.Add($"Identity:Clients names unknown clients: {string.Join(", ", unknown)}.");
        }

        if (relative.Count > 0)
        {
            failures.Add($"Identity:Clients redirect URIs must be absolute: {string.Join(", ", relative)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
