using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Accommodation.Dashboard.Frontend;

/// <summary>
/// Who may use the dashboard and the AppHost API: a browser that logged in at /login with the token (it gets a cookie), or a
/// script that sends the token as "Authorization: Bearer …". The OTLP receiver stays open to the services.
/// </summary>
public static class DashboardAuthentication
{
    public const string CookieName = "apphost-dashboard";
    public const string LoginPath = "/login";

    public static IApplicationBuilder UseDashboardAuthentication(this IApplicationBuilder app, DashboardFrontendOptions options)
    {
        if (options.AuthMode == DashboardAuthMode.Unsecured)
        {
            return app;
        }

        var token = options.BrowserToken ?? throw new InvalidOperationException("BrowserToken mode needs a token.");
        return app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(LoginPath) || path.StartsWithSegments("/v1") || path.StartsWithSegments("/css") || IsAuthenticated(context.Request, token))
            {
                return next(context);
            }

            if (path.StartsWithSegments("/api"))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Log in first.",
                    detail: "Send the token the AppHost printed at start-up as 'Authorization: Bearer <token>', or log in at /login.")
                    .ExecuteAsync(context);
            }

            context.Response.Redirect($"{LoginPath}?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return Task.CompletedTask;
        });
    }

    /// <summary>GET /login?t=token logs in and goes on; without a token (or with a wrong one) it shows the form to paste it.</summary>
    public static IEndpointRouteBuilder MapDashboardLogin(this IEndpointRouteBuilder endpoints, DashboardFrontendOptions options)
    {
        endpoints.MapGet(LoginPath, (HttpContext context, string? t, string? returnUrl) =>
        {
            var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
            if (options.AuthMode == DashboardAuthMode.Unsecured)
            {
                return Results.Redirect(target);
            }

            if (t is not null && Matches(t, options.BrowserToken!))
            {
                context.Response.Cookies.Append(CookieName, options.BrowserToken!, new CookieOptions
                {
                    HttpOnly = true,
                    // A page on another site can neither send nor read it: no cross-site request reaches the API logged in.
                    SameSite = SameSiteMode.Strict,
                    IsEssential = true,
                });
                return Results.Redirect(target);
            }

            return Results.Content(LoginPage(target, wrongToken: t is not null), "text/html; charset=utf-8",
                statusCode: t is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
        });
        return endpoints;
    }

    private static bool IsAuthenticated(HttpRequest request, string token) =>
        (request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie, token))
        || (request.Headers.Authorization.ToString() is var header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && Matches(header["Bearer ".Length..].Trim(), token));

    // In constant time, so the comparison's duration says nothing about how much of a guess was right.
    private static bool Matches(string candidate, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(token));

    private static string LoginPage(string returnUrl, bool wrongToken) => $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Log in · Accommodation AppHost</title><link rel="stylesheet" href="/css/dashboard.css"></head>
        <body class="login">
          <form method="get" action="{{LoginPath}}">
            <h1>Accommodation AppHost</h1>
            <p>Paste the token the AppHost printed at start-up (the line that starts with "Dashboard:").</p>
            {{(wrongToken ? "<p class=\"error\" role=\"alert\">That token is not this AppHost's.</p>" : "")}}
            <input type="hidden" name="returnUrl" value="{{System.Net.WebUtility.HtmlEncode(returnUrl)}}">
            <label>Token <input name="t" type="password" autocomplete="off" autofocus required></label>
            <button type="submit">Log in</button>
          </form>
        </body>
        </html>
        """;
}
