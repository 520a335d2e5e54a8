using Accommodation.WebApp.Security;

namespace Accommodation.WebApp.Tests;

/// <summary>After signing in or choosing a language, the user goes back only to a page of this site.</summary>
public sealed class LocalUrlTests
{
    [Fact]
    public void A_path_of_this_site_stays()
    {
        Assert.Equal("/reservations", WebAuthentication.LocalUrl("/reservations"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public void Anything_else_becomes_the_home_page(string? url)
    {
        Assert.Equal("/", WebAuthentication.LocalUrl(url));
    }
}
