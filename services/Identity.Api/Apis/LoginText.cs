using Microsoft.AspNetCore.WebUtilities;

namespace Accommodation.Identity.Api.Apis;

/// <summary>
/// The sign-in page's words in the two languages the web app speaks. The language is the client's <c>ui_locales</c>
/// (OpenID Connect), carried in the return URL, else the browser's; English when neither is Korean.
/// </summary>
public sealed record LoginText(
    string Language,
    string SignIn,
    string UserName,
    string Password,
    string SignedInTitle,
    string SignedIn,
    string SignedOut,
    string Missing,
    string Wrong,
    string LockedOut)
{
    public static readonly LoginText English = new(
        "en", "Sign in", "User name", "Password", "Signed in", "You are signed in as {0}.", "You are signed out.",
        "Enter your user name and password.", "The user name or password is wrong.", "Too many failed attempts. Try again in a few minutes.");

    public static readonly LoginText Korean = new(
        "ko", "로그인", "아이디", "비밀번호", "로그인됨", "{0}(으)로 로그인되었습니다.", "로그아웃되었습니다.",
        "아이디와 비밀번호를 입력해 주세요.", "아이디 또는 비밀번호가 올바르지 않습니다.", "로그인 시도가 너무 많았습니다. 몇 분 뒤에 다시 시도해 주세요.");

    public static LoginText For(HttpRequest request, string? returnUrl)
    {
        var uiLocales = returnUrl is { Length: > 0 } && returnUrl.IndexOf('?', StringComparison.Ordinal) is var query and >= 0
            ? QueryHelpers.ParseQuery(returnUrl[query..]).GetValueOrDefault("ui_locales").ToString()
            : "";
        var preferred = uiLocales.Length > 0
            ? uiLocales.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? ""
            : request.GetTypedHeaders().AcceptLanguage.OrderByDescending(language => language.Quality ?? 1).FirstOrDefault()?.Value.Value ?? "";
        return preferred.StartsWith("ko", StringComparison.OrdinalIgnoreCase) ? Korean : English;
    }
}
