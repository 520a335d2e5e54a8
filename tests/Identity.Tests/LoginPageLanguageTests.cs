using System.Net;

namespace Accommodation.Identity.Tests;

/// <summary>The sign-in page speaks the language the web app asked for (ui_locales), else the browser's.</summary>
[Collection(nameof(IdentityApiCollection))]
public sealed class LoginPageLanguageTests(IdentityApiFactory factory)
{
    private readonly OAuthClient _client = new(factory.CreateClient());

    [Theory]
    [InlineData("ko-KR", null, "ko", "비밀번호")]
    [InlineData("en-US", "ko-KR", "en", "Password")]
    [InlineData(null, "ko-KR,ko;q=0.9", "ko", "비밀번호")]
    [InlineData(null, null, "en", "Password")]
    public async Task The_sign_in_page_speaks_the_asked_language(string? uiLocales, string? acceptLanguage, string lang, string passwordLabel)
    {
        var authorizeUri = OAuthClient.WebAuthorizeUri(Pkce.S256(Pkce.NewVerifier())) + (uiLocales is null ? "" : $"&ui_locales={uiLocales}");
        using var authorize = await _client.Http.GetAsync(authorizeUri);
        Assert.True(OAuthClient.IsLoginRedirect(authorize));
        using var request = new HttpRequestMessage(HttpMethod.Get, authorize.Headers.Location);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var page = await _client.Http.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<label for=\"password\">{passwordLabel}</label>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_told_in_Korean_to_a_Korean_sign_in()
    {
        var authorizeUri = OAuthClient.WebAuthorizeUri(Pkce.S256(Pkce.NewVerifier())) + "&ui_locales=ko-KR";
        using var authorize = await _client.Http.GetAsync(authorizeUri);

        using var login = await _client.PostLoginAsync(authorize.Headers.Location!, "lee", "not-her-password");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("아이디 또는 비밀번호가 올바르지 않습니다.", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
