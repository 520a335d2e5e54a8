using System.Net;

namespace Accommodation.Identity.Tests;

[Collection(nameof(IdentityApiCollection))]
public sealed class UnsupportedFlowsTests(IdentityApiFactory factory)
{
    private readonly OAuthClient _client = new(factory.CreateClient());

    [Theory]
    [InlineData("web", null)]
    [InlineData("loadtests", IdentityApiFactory.LoadTestsSecret)]
    public async Task Password_grant_is_unsupported(string clientId, string? secret)
    {
        var parameters = new List<(string, string)> { ("grant_type", "password"), ("client_id", clientId), ("username", "kim"), ("password", IdentityApiFactory.KimPassword), ("scope", "reservations") };
        if (secret is not null)
        {
            parameters.Add(("client_secret", secret));
        }

        var response = await _client.TokenAsync([.. parameters]);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("unsupported_grant_type", response.Error);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("id_token token")]
    [InlineData("code token")]
    public async Task Implicit_and_hybrid_response_types_are_unsupported(string responseType)
    {
        using var response = await _client.Http.GetAsync(OAuthClient.AuthorizeUri(
            ("client_id", "web"), ("response_type", responseType), ("redirect_uri", IdentityApiFactory.WebRedirectUri),
            ("scope", "openid reservations"), ("state", "s"), ("nonce", "n"),
            ("code_challenge", Pkce.S256(Pkce.NewVerifier())), ("code_challenge_method", "S256")));

        Assert.Equal("unsupported_response_type", await OAuthClient.AuthorizeErrorAsync(response));
    }

    [Theory]
    [InlineData("/connect/token", "grant_type=nonsense")]
    [InlineData("/connect/token", "")]
    [InlineData("/connect/token", "grant_type=authorization_code&client_id=web&code=garbage&code_verifier=x&redirect_uri=https%3A%2F%2Fweb.test%2Fsignin-oidc")]
    [InlineData("/connect/authorize", "client_id=nobody&response_type=code")]
    [InlineData("/account/login", "userName=kim")]
    public async Task Bad_input_is_a_client_error_never_a_server_error(string path, string form)
    {
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _client.Http.PostAsync(path, content);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Plain_http_is_refused_when_https_is_required()
    {
        using var http = factory.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent([
            KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("client_id", "reservation"),
            KeyValuePair.Create("client_secret", IdentityApiFactory.ReservationSecret), KeyValuePair.Create("scope", "payment.pay")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("access_token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
