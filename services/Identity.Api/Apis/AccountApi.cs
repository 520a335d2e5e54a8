using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Accommodation.Identity.Api.Apis;

/// <summary>The login form the authorization endpoint sends a browser to, and back from once the user is signed in.</summary>
public static class AccountApi
{
    public const string LoginPath = "/account/login";
    public const string SignedOutPath = "/account/signed-out";
    private const int MaxFieldLength = 256;

    // Korean stays Korean in the page (the default encoder writes every non-Latin letter as an entity).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("account").ExcludeFromDescription();
        account.MapGet("login", ShowLogin);
        account.MapPost("login", LoginAsync);
        account.MapGet("signed-out", (HttpContext context) =>
        {
            var text = LoginText.For(context.Request, returnUrl: null);
            return Page(StatusCodes.Status200OK, text, text.SignedOut, $"<p>{text.SignedOut}</p>");
        });
        return app;
    }

    private static ContentHttpResult ShowLogin(HttpContext context, IAntiforgery antiforgery, [FromQuery] string? returnUrl) =>
        LoginPage(context, antiforgery, StatusCodes.Status200OK, SafeReturnUrl(returnUrl), userName: "", error: null);

    private static async Task<IResult> LoginAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIns, [FromForm] LoginForm form)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        var text = LoginText.For(context.Request, returnUrl);
        var userName = form.UserName?.Trim() ?? "";
        var password = form.Password ?? "";
        if (userName.Length is 0 or > MaxFieldLength || password.Length is 0 or > MaxFieldLength)
        {
            return LoginPage(context, antiforgery, StatusCodes.Status400BadRequest, returnUrl, userName[..Math.Min(userName.Length, MaxFieldLength)],
                text.Missing);
        }

        var result = await signIns.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // 303: the browser follows with a GET, never re-posting the password.
            return returnUrl is null
                ? Page(StatusCodes.Status200OK, text, text.SignedInTitle, $"<p>{string.Format(CultureInfo.InvariantCulture, text.SignedIn, Html.Encode(userName))}</p>")
                : Redirect303(context, returnUrl);
        }

        var error = result.IsLockedOut ? text.LockedOut : text.Wrong;
        return LoginPage(context, antiforgery, StatusCodes.Status401Unauthorized, returnUrl, userName, error);
    }

    /// <summary>Only the authorization endpoint is a place to go back to: anything else would be an open redirect.</summary>
    private static string? SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 8192 }
        && (returnUrl == "/connect/authorize" || returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal))
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : null;

    private static IResult Redirect303(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static ContentHttpResult LoginPage(HttpContext context, IAntiforgery antiforgery, int status, string? returnUrl, string userName, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var text = LoginText.For(context.Request, returnUrl);
        var encode = Html;
        var alert = error is null ? "" : $"""<p role="alert" id="login-error" class="error">{encode.Encode(error)}</p>""";
        var describedBy = error is null ? "" : """ aria-describedby="login-error" aria-invalid="true" """;
        var body = $"""
            {alert}
            <form method="post" action="{LoginPath}">
              <input type="hidden" name="{encode.Encode(tokens.FormFieldName)}" value="{encode.Encode(tokens.RequestToken ?? "")}">
              <input type="hidden" name="returnUrl" value="{encode.Encode(returnUrl ?? "")}">
              <p><label for="userName">{text.UserName}</label><br>
                <input id="userName" name="userName" autocomplete="username" required maxlength="{MaxFieldLength}" value="{encode.Encode(userName)}"{describedBy}autofocus></p>
              <p><label for="password">{text.Password}</label><br>
                <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="{MaxFieldLength}"{describedBy}></p>
              <p><button type="submit">{text.SignIn}</button></p>
            </form>
            """;
        return Page(status, text, text.SignIn, body);
    }

    private static ContentHttpResult Page(int status, LoginText text, string title, string body) => TypedResults.Content($$"""
        <!DOCTYPE html>
        <html lang="{{text.Language}}">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{title}} · Accommodation</title>
          <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}input,button{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}.error{color:#a00000;font-weight:bold}</style>
        </head>
        <body>
          <main>
            <h1>{{title}}</h1>
            {{body}}
          </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);
}

public sealed class LoginForm
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}
