using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Accommodation.Identity.Tests;

public sealed class IssuerTests
{
    [Fact]
    public async Task A_configured_issuer_is_the_one_in_discovery_and_in_tokens()
    {
        await using var factory = new BehindProxy();
        await ((IAsyncLifetime)factory).InitializeAsync();
        var client = new OAuthClient(factory.CreateClient());

        var discovery = await client.DiscoveryAsync();
        var token = await client.ClientCredentialsAsync("reservation", IdentityApiFactory.ReservationSecret, "payment.pay");

        Assert.Equal(BehindProxy.PublicIssuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(BehindProxy.PublicIssuer, new JsonWebToken(token.AccessToken).Issuer);
    }

    private sealed class BehindProxy : IdentityApiFactory
    {
        public const string PublicIssuer = "https://auth.accommodation.test/";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Identity:Issuer", PublicIssuer);
        }
    }
}
